package dev.rollback.history;

import dev.rollback.core.Journal;
import dev.rollback.core.Plan;

/** {@code history}: read-only and not journaled (reading the journal is not a run worth recording). */
public final class HistoryPlan {
    private HistoryPlan() {
    }

    public static Plan build(Journal journal, HistoryQuery query) {
        return Plan.builder("history").readOnly().notJournaled().step(new ReadJournalStep(journal, query)).build();
    }
}
