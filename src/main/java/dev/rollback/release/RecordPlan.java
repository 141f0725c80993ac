package dev.rollback.release;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.Plan;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code release record}: after a good deploy, record what runs as a rollback target. */
public final class RecordPlan {
    private RecordPlan() {
    }

    public static Plan build(Docker docker, Supplier<Map<String, RunningStack.Service>> running,
                             Supplier<List<HealthCheck>> healthChecks, StackFacts facts, Ledger ledger,
                             int keep, boolean force, Clock clock) {
        RecordDraft draft = new RecordDraft();
        return Plan.builder("release record")
            .step(new InspectStackStep(ledger, docker, running, healthChecks, facts, force, clock, draft))
            .step(new ProtectImagesStep(docker, draft))
            .step(new AppendReleaseStep(ledger, draft))
            .step(new PruneLedgerStep(ledger, docker, keep))
            .build();
    }
}
