package dev.rollback.decide;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a recommended command is written for a person to copy: the same {@code --config} the plan
 * was run with, and {@code --yes} only when the plan itself ran with it (so a command copied at a
 * terminal still asks before destructive steps).
 */
public record CommandLineFormat(String configPath, boolean yes) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+-]+");

    public String format(List<String> argv) {
        List<String> words = new ArrayList<>(List.of("rollback"));
        if (configPath != null) {
            words.add("--config");
            words.add(configPath);
        }
        words.addAll(argv);
        if (yes) {
            words.add("--yes");
        }
        return String.join(" ", words.stream().map(CommandLineFormat::quoted).toList());
    }

    private static String quoted(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
