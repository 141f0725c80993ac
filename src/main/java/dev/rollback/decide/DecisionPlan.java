package dev.rollback.decide;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.archive.ArchiveStatusReader;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.DumpInspector;
import dev.rollback.core.Plan;
import dev.rollback.migrations.MigrationCheck;
import dev.rollback.pitr.ArchiveLayout;
import dev.rollback.release.Ledger;
import dev.rollback.release.RunningStack;
import dev.rollback.workdir.GitCheckout;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code plan}: one read-only probe step per fact, then the decision, so the report shows every
 * fact the recommendation rests on. Not journaled: it changes nothing, and with {@code --execute}
 * the command it runs is journaled as itself.
 */
public final class DecisionPlan {
    /**
     * What the probes ask, one part per probe; suppliers may throw (no database configured, no
     * checkout): the fact then says why.
     */
    public record Inputs(Advice advice, Docker docker, HealthChecks health, DatabaseAccess database,
                         ReleaseHistory releases, GitAccess git, BackupAccess backups, Clock clock) {
    }

    /** How bad it is, what the stack allows, and how the recommended command line is written. */
    public record Advice(Severity severity, StackShape stack, CommandLineFormat format) {
    }

    /** The services' container checks and the configured HTTP checks. */
    public record HealthChecks(Supplier<List<HealthCheck>> services, List<HealthCheck> http) {
    }

    public record DatabaseAccess(Supplier<Postgres> postgres, Configured configured) {
    }

    /** Where the previous release comes from: the release ledger, or the platform's own deployments (Dokploy's). */
    public record ReleaseHistory(Ledger ledger, Supplier<Map<String, RunningStack.Service>> running, Source source) {
        public enum Source { LEDGER, PLATFORM }
    }

    /** @param cloneUrl whether {@code git.url} is set, so a missing checkout can be cloned */
    public record GitAccess(Supplier<GitCheckout> checkout, String remote, Configured cloneUrl,
                            Function<GitCheckout, MigrationCheck> migrationCheck) {
    }

    /** @param failedDrills the backups whose latest {@code drill} failed: not counted on */
    public record BackupAccess(BackupStore store, DumpInspector inspector, Supplier<Set<String>> failedDrills) {
    }

    /** Whether a setting the probe needs is in the configuration. */
    public enum Configured { YES, NO }

    /** The plan and the sheet its steps fill in, for the caller to read the recommendation from. */
    public record Run(Plan plan, FactSheet sheet) {
    }

    private DecisionPlan() {
    }

    public static Run build(Inputs in) {
        FactSheet sheet = new FactSheet();
        GitAccess git = in.git();
        GitProbe gitProbe = new GitProbe(git.checkout(), git.remote(), git.cloneUrl() == Configured.YES, sheet);
        ReleaseHistory releases = in.releases();
        Advice advice = in.advice();
        Plan plan = Plan.builder("plan").readOnly().notJournaled()
            .step(new DockerProbe(in.docker(), sheet))
            .step(new HealthProbe(in.health().services(), in.health().http(), sheet))
            .step(new DatabaseProbe(in.database().postgres(), in.database().configured() == Configured.YES, sheet))
            .step(new ReleaseProbe(releases.ledger(), in.docker(), releases.running(),
                releases.source() == ReleaseHistory.Source.PLATFORM, sheet))
            .step(gitProbe)
            .step(new MigrationProbe(gitProbe::checkout, git.migrationCheck(), sheet))
            .step(new BackupProbe(in.backups(), in.clock(), sheet))
            .step(new ArchiveProbe(new ArchiveStatusReader(new ArchiveLayout(in.backups().store().dir()),
                () -> in.database().postgres().get().replication(), in.clock()), sheet))
            .step(new PointInTimeProbe(new ArchiveLayout(in.backups().store().dir()), releases.ledger(), sheet))
            .step(new DecideStep(advice.severity(), advice.stack(), advice.format(), sheet))
            .build();
        return new Run(plan, sheet);
    }
}
