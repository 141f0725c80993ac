package dev.rollback.incident;

import dev.rollback.backup.BackupStore;
import dev.rollback.core.Plan;
import java.time.Clock;

/**
 * {@code rollback incident}: the incident bundle on its own, at any time, even while another run
 * holds the lock (it changes nothing in the stack, so it does not take the lock). Journaled: the
 * journal then says when the state was documented and where the bundle is.
 */
public final class IncidentPlan {
    private IncidentPlan() {
    }

    public static Plan build(IncidentSources sources, BackupStore store, Clock clock) {
        return Plan.builder("incident").readOnly().step(new IncidentStep(sources, store, clock)).build();
    }
}
