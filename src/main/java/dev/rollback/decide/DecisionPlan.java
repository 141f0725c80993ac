package dev.rollback.decide;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.DumpInspector;
import dev.rollback.core.Plan;
import dev.rollback.migrations.MigrationCheck;
import dev.rollback.release.Ledger;
import dev.rollback.release.RunningStack;
import dev.rollback.workdir.GitCheckout;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code plan}: one read-only probe step per fact, then the decision, so the report shows every
 * fact the recommendation rests on. Not journaled: it changes nothing, and with {@code --execute}
 * the command it runs is journaled as itself.
 */
public final class DecisionPlan {
    /** What the probes ask; suppliers may throw (no database configured, no checkout): the fact then says why. */
    public record Inputs(Severity severity, Docker docker, Supplier<List<HealthCheck>> serviceChecks,
                         List<HealthCheck> httpChecks, Supplier<Postgres> postgres, boolean databaseConfigured,
                         Ledger ledger, Supplier<Map<String, RunningStack.Service>> running, boolean dokploy,
                         Supplier<GitCheckout> checkout, String gitRemote, boolean gitUrlConfigured,
                         Function<GitCheckout, MigrationCheck> migrationCheck, BackupStore backups,
                         DumpInspector inspector, Clock clock, StackShape stack, CommandLineFormat format) {
    }

    /** The plan and the sheet its steps fill in, for the caller to read the recommendation from. */
    public record Run(Plan plan, FactSheet sheet) {
    }

    private DecisionPlan() {
    }

    public static Run build(Inputs in) {
        FactSheet sheet = new FactSheet();
        GitProbe git = new GitProbe(in.checkout(), in.gitRemote(), in.gitUrlConfigured(), sheet);
        Plan plan = Plan.builder("plan").readOnly().notJournaled()
            .step(new DockerProbe(in.docker(), sheet))
            .step(new HealthProbe(in.serviceChecks(), in.httpChecks(), sheet))
            .step(new DatabaseProbe(in.postgres(), in.databaseConfigured(), sheet))
            .step(new ReleaseProbe(in.ledger(), in.docker(), in.running(), in.dokploy(), sheet))
            .step(git)
            .step(new MigrationProbe(git::checkout, in.migrationCheck(), sheet))
            .step(new BackupProbe(in.backups(), in.inspector(), in.clock(), sheet))
            .step(new DecideStep(in.severity(), in.stack(), in.format(), sheet))
            .build();
        return new Run(plan, sheet);
    }
}
