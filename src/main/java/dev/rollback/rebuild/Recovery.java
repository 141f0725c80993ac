package dev.rollback.rebuild;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clock of one level 4 run: when recovery started (the first step applied), how long each
 * phase took, and the total against the runbook's estimate ("Full Infrastructure: ~1 hour or more").
 */
final class Recovery {
    static final String PHASES_RESULT = "phaseMs";
    static final long RUNBOOK_ESTIMATE_MS = 60 * 60 * 1000L;
    static final String RUNBOOK_ESTIMATE = "~1 hour or more";

    private final Map<String, Long> phases = new LinkedHashMap<>();
    private long startedNanos;

    synchronized void phaseStarted() {
        if (startedNanos == 0) {
            startedNanos = System.nanoTime();
        }
    }

    synchronized void phaseDone(String id, long millis) {
        phases.put(id, millis);
    }

    /** Live: the report shows every phase that ran, even when a later one failed. */
    Map<String, Long> phases() {
        return phases;
    }

    synchronized RecoveryTime total() {
        return RecoveryTime.of((System.nanoTime() - startedNanos) / 1_000_000, RUNBOOK_ESTIMATE, RUNBOOK_ESTIMATE_MS);
    }
}
