package dev.rollback.cli;

import java.util.Map;

/**
 * ANSI colour for the operator's terminal, or none. Colour only on a terminal, and never with
 * {@code --no-color}, a non-empty {@code NO_COLOR} (https://no-color.org) or {@code TERM=dumb}:
 * logs, CI output and JSON never carry escape bytes.
 */
final class Palette {
    static final Palette NONE = new Palette(false);
    private static final Palette ANSI = new Palette(true);

    private final boolean enabled;

    private Palette(boolean enabled) {
        this.enabled = enabled;
    }

    /** The palette for a stream: colour when it is a terminal and nothing turned colour off. */
    static Palette forStream(boolean terminal, boolean noColorFlag, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        boolean off = noColorFlag || (noColor != null && !noColor.isEmpty()) || "dumb".equals(env.get("TERM"));
        return terminal && !off ? ANSI : NONE;
    }

    boolean enabled() {
        return enabled;
    }

    String red(String text) {
        return paint("31", text);
    }

    String green(String text) {
        return paint("32", text);
    }

    String yellow(String text) {
        return paint("33", text);
    }

    String dim(String text) {
        return paint("2", text);
    }

    /** The colour of a step or run status word: green done, red failed, yellow refused/skipped/interrupted. */
    String status(String word, String padded) {
        return switch (word) {
            case "succeeded" -> green(padded);
            case "failed" -> red(padded);
            case "refused", "interrupted", "skipped" -> yellow(padded);
            case "planned" -> dim(padded);
            default -> padded;
        };
    }

    private String paint(String code, String text) {
        return enabled && !text.isEmpty() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
