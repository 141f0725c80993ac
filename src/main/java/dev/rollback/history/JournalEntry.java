package dev.rollback.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One run from {@code state-dir/journal.jsonl}, as {@code history} shows it: when, who, what,
 * the outcome and how long it took. Read leniently: a line from an older version that lacks a
 * field still shows.
 *
 * @param who        {@code user@host}
 * @param failedStep the first step that failed, or null
 * @param error      the report's error message, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(Instant startedAt, Instant finishedAt, String who, String command, Integer level,
                           String status, boolean dryRun, long durationMs, int steps, String failedStep,
                           String error) {

    static Optional<JournalEntry> of(JsonNode line) {
        Instant started = instant(line.path("startedAt"));
        if (started == null || !line.hasNonNull("command")) {
            return Optional.empty();
        }
        String failed = null;
        for (JsonNode step : line.path("steps")) {
            if ("failed".equals(step.path("status").asText())) {
                failed = step.path("id").asText();
                break;
            }
        }
        return Optional.of(new JournalEntry(started, instant(line.path("finishedAt")),
            line.path("user").asText("?") + "@" + line.path("host").asText("?"), line.path("command").asText(),
            line.hasNonNull("level") ? line.path("level").asInt() : null, line.path("status").asText(),
            line.path("dryRun").asBoolean(), line.path("durationMs").asLong(), line.path("steps").size(), failed,
            line.path("error").hasNonNull("message") ? line.path("error").path("message").asText() : null));
    }

    /** A rollback of a runbook level that ran to success: its duration is a measured recovery time. */
    boolean measuredRecovery() {
        return level != null && "succeeded".equals(status) && !dryRun;
    }

    private static Instant instant(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
