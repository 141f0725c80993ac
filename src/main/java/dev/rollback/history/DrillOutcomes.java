package dev.rollback.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Journal;
import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the journal says about backups that were drilled: the ones whose latest drill failed. A backup
 * a drill could not restore is not one to count on, whatever its completion marker says; {@code plan}
 * passes over it. A later successful drill of the same file clears it.
 */
public final class DrillOutcomes {
    private DrillOutcomes() {
    }

    /** File names (as {@code drill} reports them) whose latest drill did not succeed; empty without a journal. */
    public static Set<String> lastFailed(Journal journal) {
        Map<String, JournalEntry> latest = new LinkedHashMap<>();
        try {
            for (JsonNode line : journal.entries()) {
                JournalEntry.of(line).filter(JournalEntry::drill).filter(entry -> entry.backup() != null)
                    .filter(entry -> !entry.dryRun()).ifPresent(entry -> latest.merge(entry.backup(), entry,
                        (a, b) -> Comparator.comparing(JournalEntry::startedAt).compare(a, b) >= 0 ? a : b));
            }
        } catch (IOException unreadable) {
            return Set.of();   // no journal, no drills: nothing is held against any backup
        }
        return latest.values().stream().filter(entry -> !"succeeded".equals(entry.status()))
            .map(JournalEntry::backup).collect(Collectors.toUnmodifiableSet());
    }
}
