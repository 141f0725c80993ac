package dev.rollback.release;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.Plan;
import dev.rollback.pitr.WalPoint;
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
        return build(docker, running, healthChecks, facts, ledger, keep, force, clock, () -> null);
    }

    /** As above, storing the database's WAL position ({@code walPoint}, null without a database) with the release. */
    public static Plan build(Docker docker, Supplier<Map<String, RunningStack.Service>> running,
                             Supplier<List<HealthCheck>> healthChecks, StackFacts facts, Ledger ledger,
                             int keep, boolean force, Clock clock, Supplier<WalPoint> walPoint) {
        RecordDraft draft = new RecordDraft();
        return Plan.builder("release record")
            .step(new InspectStackStep(ledger, docker, running, healthChecks, facts, force, clock, draft))
            .step(new ProtectImagesStep(docker, draft))
            .step(new WalPointStep(walPoint, draft))
            .step(new AppendReleaseStep(ledger, draft))
            .step(new PruneLedgerStep(ledger, docker, keep))
            .build();
    }
}
