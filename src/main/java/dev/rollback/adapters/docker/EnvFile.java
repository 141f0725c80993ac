package dev.rollback.adapters.docker;

import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stack's {@code .env} file, read the way compose reads it for interpolation: {@code KEY=VALUE}
 * lines, an optional {@code export }, values in matching single or double quotes taken literally,
 * blank lines and {@code #} comments skipped. A line that is not an assignment is skipped too (compose
 * would pass such a bare name through from its environment). Values are secrets: never log them.
 */
final class EnvFile {
    private static final Pattern ASSIGNMENT = Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=(.*)");

    private EnvFile() {
    }

    /** The file's variables in file order; empty when {@code file} is null or absent. */
    static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher assignment = ASSIGNMENT.matcher(line);
                if (!line.isBlank() && !line.strip().startsWith("#") && assignment.matches()) {
                    values.put(assignment.group(1), unquoted(assignment.group(2).strip()));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            throw RollbackException.usage("cannot read the env file " + file + " (" + unreadable.getClass().getSimpleName()
                + "); check that it is a text file the tool can read");
        }
        return values;
    }

    private static String unquoted(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
            && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        int comment = value.indexOf(" #");
        return comment < 0 ? value : value.substring(0, comment).strip();
    }
}
