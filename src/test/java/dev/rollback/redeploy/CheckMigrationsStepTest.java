package dev.rollback.redeploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.sql.JSqlStatements;
import dev.rollback.core.Confirmer;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import dev.rollback.core.RunStatus;
import dev.rollback.core.StepReport;
import dev.rollback.core.StepStatus;
import dev.rollback.migrations.MigrationCheck;
import dev.rollback.migrations.MigrationPaths;
import dev.rollback.migrations.TableSizes;
import dev.rollback.release.Ledger;
import dev.rollback.release.Release;
import dev.rollback.workdir.GitCheckout;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 1's migration check as the executor runs it: refuse on a dangerous verdict (also under
 * --dry-run), ask on a review verdict, go on when safe, and skip with a reason when there is
 * nothing to compare or --ignore-migrations says so.
 */
class CheckMigrationsStepTest {
    private static final String DROP = "ALTER TABLE note DROP COLUMN body;\n";
    private static final String CONSTRAINT = "ALTER TABLE note ADD CONSTRAINT body_set CHECK (body <> '');\n";
    private static final String CREATE = "CREATE TABLE tag (id int primary key, name text);\n";

    @TempDir
    Path stateDir;

    private final List<List<String>> asked = new ArrayList<>();
    private boolean agree = true;
    private final Confirmer confirmer = (command, destructive, answer) -> {
        asked.add(destructive);
        return agree;
    };

    @Test
    void aDroppedColumnSinceTheReleaseIsRefusedNamingTheMigrationAndLevelThree() {
        Report report = run(checking(Map.of("db/migrations/V2__drop_body.sql", DROP)), release(TwoCommitRepository.OLD),
            false, true);

        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains("V2__drop_body.sql:1 drop-column").contains("level 3")
            .contains("--ignore-migrations");
    }

    @Test
    void theRefusalComesInTheCheckSoADryRunRefusesToo() {
        Report report = run(checking(Map.of("db/migrations/V2__drop_body.sql", DROP)), release(TwoCommitRepository.OLD),
            true, false);

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(step(report).status()).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void aStatementToReviewAsksAndADeclineChangesNothing() {
        agree = false;

        Report report = run(checking(Map.of("db/migrations/V2__check_body.sql", CONSTRAINT)),
            release(TwoCommitRepository.OLD), false, false);

        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).get(0)).contains("need a review").contains("V2__check_body.sql:1");
        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains("confirmation declined");
    }

    @Test
    void aStatementToReviewGoesThroughWithYes() {
        Report report = run(checking(Map.of("db/migrations/V2__check_body.sql", CONSTRAINT)),
            release(TwoCommitRepository.OLD), false, true);

        assertThat(report.exitCode()).isZero();
        assertThat(asked).isEmpty();
        assertThat(step(report).detail()).containsEntry("verdict", "review");
    }

    @Test
    void safeMigrationsGoOnWithoutAsking() {
        Report report = run(checking(Map.of("db/migrations/V2__tags.sql", CREATE)), release(TwoCommitRepository.OLD),
            false, false);

        assertThat(report.exitCode()).isZero();
        assertThat(asked).isEmpty();
        assertThat(step(report).status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(step(report).detail()).containsEntry("verdict", "code-rollback-enough")
            .containsEntry("from", TwoCommitRepository.OLD).containsEntry("to", TwoCommitRepository.NEW);
    }

    @Test
    void ignoreMigrationsSkipsTheCheckAndSaysSo() {
        Report report = run(MigrationGate.skipped("--ignore-migrations: not checked"), release(TwoCommitRepository.OLD),
            false, false);

        assertThat(report.exitCode()).isZero();
        assertThat(step(report).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report).detail()).containsEntry("reason", "--ignore-migrations: not checked");
    }

    @Test
    void withoutACheckoutTheCheckIsSkippedNotFailed() {
        MigrationGate gate = MigrationGate.checking(() -> {
            throw RollbackException.refused("/srv/app is not in a git checkout");
        }, checkout -> {
            throw new AssertionError("no checkout, no check");
        });

        Report report = run(gate, release(TwoCommitRepository.OLD), false, false);

        assertThat(report.exitCode()).isZero();
        assertThat(step(report).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat((String) step(report).detail().get("reason")).contains("no git checkout").contains("/srv/app");
    }

    @Test
    void aReleaseWithoutACommitOrOneTheCheckoutLacksIsSkipped() {
        Report noCommit = run(checking(Map.of("db/migrations/V2__drop_body.sql", DROP)), release(null), false, false);
        Report unknown = run(checking(Map.of("db/migrations/V2__drop_body.sql", DROP)), release("c".repeat(40)),
            false, false);

        assertThat(noCommit.exitCode()).isZero();
        assertThat((String) step(noCommit).detail().get("reason")).contains("recorded no git commit");
        assertThat(unknown.exitCode()).isZero();
        assertThat((String) step(unknown).detail().get("reason")).contains("is not in the checkout");
    }

    @Test
    void aReleaseAtTheRunningCommitHasNothingInBetween() {
        Report report = run(checking(Map.of("db/migrations/V2__drop_body.sql", DROP)), release(TwoCommitRepository.NEW),
            false, false);

        assertThat(report.exitCode()).isZero();
        assertThat((String) step(report).detail().get("reason")).contains("at the commit that runs");
    }

    private static MigrationGate checking(Map<String, String> added) {
        TwoCommitRepository git = new TwoCommitRepository(added);
        return MigrationGate.checking(() -> new GitCheckout(git, ""), checkout -> new MigrationCheck(
            new MigrationCheck.Inputs(checkout.git(), checkout.prefix(), new MigrationPaths(List.of(), false),
                new JSqlStatements(), TableSizes.unknown("no database in this test"), 1_000_000)));
    }

    private static Release release(String commit) {
        return new Release("r1", Instant.parse("2026-11-01T10:00:00Z"), "ops", "compose", commit, "sha", false, Map.of(), null);
    }

    private Report run(MigrationGate gate, Release target, boolean dryRun, boolean yes) {
        Switch change = new Switch();
        change.target = target;
        Plan plan = Plan.builder("redeploy").level(1)
            .step(new CheckMigrationsStep(gate, new Ledger(stateDir), change)).build();
        return new Executor(stateDir, yes ? Confirmer.ALWAYS : confirmer, Interruption.manual(), line -> { },
            Clock.systemUTC()).run(plan, new Executor.Options(dryRun, yes));
    }

    private static StepReport step(Report report) {
        return report.steps().stream().filter(s -> s.id().equals("check-migrations")).findFirst().orElseThrow();
    }
}
