package dev.rollback.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h30m}. */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationText() {
    }

    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim();
        Matcher matcher = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            total = plus(total, matcher.group(1), matcher.group(2), text);
            end = matcher.end();
        }
        if (value.isEmpty() || end != value.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 90s, 2m, 1h30m)");
        }
        return total;
    }

    /** Adds one part; an amount no clock can hold is a bad value, not an arithmetic crash. */
    private static Duration plus(Duration total, String digits, String unit, String text) {
        try {
            long amount = Long.parseLong(digits);
            return total.plus(switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        } catch (ArithmeticException | NumberFormatException tooLong) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration (examples: 500ms, 90s, 2m, 1h30m)");
        }
    }

    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return s % 60 == 0 && s > 0 ? (s / 60) + "m" : s + "s";
    }
}
