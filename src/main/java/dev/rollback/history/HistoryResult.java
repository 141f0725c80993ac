package dev.rollback.history;

import java.util.List;

/**
 * {@code history}'s result: the runs shown and the recovery-time summary over every matching run.
 *
 * @param journal  the journal file read
 * @param runs     the matching runs, newest first, at most {@code --limit} of them
 * @param matching how many runs matched, shown or not
 */
public record HistoryResult(String journal, List<JournalEntry> runs, int matching,
                            List<RecoverySummary> recoveryTimes) {
    public HistoryResult {
        runs = List.copyOf(runs);
        recoveryTimes = List.copyOf(recoveryTimes);
    }
}
