package dev.rollback.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Journal;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which log lines {@code verify} judges: those since the last run that changed the stack (a level
 * or a strategy) finished, as the journal says. Errors logged while that rollback switched
 * containers belong to the switch, not to the state it left behind.
 */
public final class LogWindow {
    private static final Set<String> STRATEGIES = Set.of("recreate", "blue-green");

    private LogWindow() {
    }

    /** The end of the newest rollback in the journal that got past its checks, or null. */
    public static Instant sinceLastRollback(Journal journal) {
        List<JsonNode> entries;
        try {
            entries = journal.entries();
        } catch (IOException unreadable) {
            return null;
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            JsonNode entry = entries.get(i);
            boolean changedStack = entry.hasNonNull("level") || STRATEGIES.contains(entry.path("command").asText());
            boolean applied = !entry.path("status").asText().equals("refused") && !entry.path("dryRun").asBoolean();
            if (changedStack && applied && entry.hasNonNull("finishedAt")) {
                return Instant.parse(entry.path("finishedAt").asText());
            }
        }
        return null;
    }
}
