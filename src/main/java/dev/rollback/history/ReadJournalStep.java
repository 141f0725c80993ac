package dev.rollback.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Journal;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads the journal (a torn last line is skipped), newest first, filtered, with the recovery-time summary. */
final class ReadJournalStep implements Step {
    private final Journal journal;
    private final HistoryQuery query;

    ReadJournalStep(Journal journal, HistoryQuery query) {
        this.journal = journal;
        this.query = query;
    }

    @Override
    public String id() {
        return "read-journal";
    }

    @Override
    public String description() {
        return "read the runs in " + journal.file();
    }

    @Override
    public void apply(StepContext context) {
        List<JournalEntry> matching = new ArrayList<>();
        for (JsonNode line : lines()) {
            JournalEntry.of(line).filter(query::matches).ifPresent(matching::add);
        }
        matching.sort(Comparator.comparing(JournalEntry::startedAt).reversed());
        List<JournalEntry> shown = query.limit() == null ? matching
            : matching.subList(0, Math.min(query.limit(), matching.size()));
        context.detail("runs", matching.size()).result(new HistoryResult(journal.file().toString(), shown,
            matching.size(), RecoverySummary.of(matching)));
    }

    private List<JsonNode> lines() {
        try {
            return journal.entries();
        } catch (IOException e) {
            throw RollbackException.refused("cannot read the journal " + journal.file() + ": " + e.getMessage());
        }
    }
}
