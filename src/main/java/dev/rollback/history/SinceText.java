package dev.rollback.history;

import dev.rollback.core.config.DurationText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code history --since}: a date ({@code 2026-11-21}, midnight UTC, as the journal's times are
 * UTC), an instant ({@code 2026-11-21T10:00:00Z}), or a period back from now ({@code 7d},
 * {@code 36h}, {@code 90m}).
 */
public final class SinceText {
    private SinceText() {
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    public static Instant parse(String text, Clock clock) {
        String value = text.strip();
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (value.contains("T")) {
                return Instant.parse(value);
            }
            if (value.matches("\\d+d")) {
                return clock.instant().minus(Duration.ofDays(Long.parseLong(value.substring(0, value.length() - 1))));
            }
            return clock.instant().minus(DurationText.parse(value));
        } catch (java.time.DateTimeException | ArithmeticException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date, an instant or a period"
                + " (examples: 2026-11-21, 2026-11-21T10:00:00Z, 7d, 36h)");
        }
    }
}
