package dev.rollback.inputs;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A command line as an operator would type it, for the catalogue: shell-quoted, temporary dirs shortened. */
final class CommandText {
    private CommandText() {
    }

    static String of(Map<String, String> env, String[] args, Path workdir) {
        String prefix = new TreeMap<>(env).entrySet().stream().filter(e -> e.getValue() != null)
            .map(e -> e.getKey() + "=" + quote(e.getValue())).collect(Collectors.joining(" "));
        String line = Stream.of(args).map(CommandText::quote).collect(Collectors.joining(" "));
        return shorten((prefix.isEmpty() ? "" : prefix + " ") + "rollback " + line, workdir);
    }

    /** The workdir (a temporary directory) becomes {@code ./}, so the table is the same on every run. */
    static String shorten(String text, Path workdir) {
        return text.replace(workdir.toAbsolutePath() + "/", "./").replace(workdir.toAbsolutePath().toString(), ".");
    }

    /** Groups rows by subcommand: the first argument that is not an option or its value. */
    static String sortKey(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-c") || args[i].equals("-o")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i] + " ";
            }
        }
        return "";
    }

    private static String quote(String arg) {
        if (arg.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
