package dev.rollback.history;

import java.time.Instant;

/**
 * What {@code history} shows: filters ({@code null} means any) and how many rows at most. The
 * limit cuts the listing only; the recovery-time summary is over every run that passes the filters.
 */
public record HistoryQuery(Integer level, Instant since, String command, Integer limit) {

    boolean matches(JournalEntry entry) {
        return (level == null || level.equals(entry.level()))
            && (since == null || !entry.startedAt().isBefore(since))
            && (command == null || command.equals(entry.command()));
    }
}
