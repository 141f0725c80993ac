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
 * @param backup     the file name of the backup a {@code drill} or restore used (the result's {@code backup}
 *                   is a path once the backup was read, a name when it was refused before), or null
 * @param restoreMs  a {@code drill}'s measured restore time (the result's {@code restoreMs}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(Instant startedAt, Instant finishedAt, String who, String command, Integer level,
                           String status, boolean dryRun, long durationMs, int steps, String failedStep,
                           String error, String backup, Long restoreMs) {
    /** The command that rehearses a level without recovering anything (dev.rollback.restore.DrillPlan). */
    static final String DRILL = "drill";

    static Optional<JournalEntry> of(JsonNode line) {
        Instant started = instant(line.path("startedAt"));
        if (started == null || !line.hasNonNull("command")) {
            return Optional.empty();
        }
        JsonNode result = line.path("result");
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
            line.path("error").hasNonNull("message") ? line.path("error").path("message").asText() : null,
            result.hasNonNull("backup") ? fileName(result.path("backup").asText()) : null,
            result.hasNonNull("restoreMs") ? result.path("restoreMs").asLong() : null));
    }

    /**
     * A rollback of a runbook level that ran to success: its duration is a measured recovery time. A
     * drill recovers nothing (its duration includes dropping its copy): its restore time counts apart.
     */
    boolean measuredRecovery() {
        return level != null && "succeeded".equals(status) && !dryRun && !drill();
    }

    /** A drill that restored its backup: {@link #restoreMs} is how long that level's restore took. */
    boolean measuredDrill() {
        return drill() && level != null && "succeeded".equals(status) && !dryRun && restoreMs != null;
    }

    /** Whether this run was a {@code drill}. */
    boolean drill() {
        return DRILL.equals(command);
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
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
