package dev.rollback.redeploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.migrations.FileReport;
import dev.rollback.migrations.Finding;
import dev.rollback.migrations.MigrationReport;
import dev.rollback.migrations.Outcome;
import dev.rollback.migrations.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What level 1 does with each verdict of the migrations since the release it goes back to. */
class MigrationDecisionTest {
    @Test
    void aDangerousStatementRefusesNamingItTheRestoreLevelAndTheWayAround() {
        MigrationDecision decision = MigrationDecision.of(report(Outcome.DATABASE_RESTORE_NEEDED,
            finding(1, "drop-column", Verdict.DANGEROUS), finding(2, "create-table", Verdict.SAFE)), "r7");

        assertThat(decision.action()).isEqualTo(MigrationDecision.Action.REFUSE);
        assertThat(decision.message()).contains("since release r7").contains("1 dangerous statement(s)")
            .contains("V9__change.sql:1 drop-column").doesNotContain("create-table")
            .contains("level 3").contains("rollback db-restore --backup latest --redeploy previous")
            .contains("--ignore-migrations");
    }

    @Test
    void aStatementToReviewAsksNamingIt() {
        MigrationDecision decision = MigrationDecision.of(report(Outcome.REVIEW,
            finding(4, "add-constraint", Verdict.REVIEW)), "r7");

        assertThat(decision.action()).isEqualTo(MigrationDecision.Action.ASK);
        assertThat(decision.message()).contains("release r7").contains("V9__change.sql:4 add-constraint");
    }

    @Test
    void safeOrNoMigrationsGoOn() {
        MigrationDecision safe = MigrationDecision.of(report(Outcome.CODE_ROLLBACK_ENOUGH,
            finding(1, "create-table", Verdict.SAFE)), "r7");
        MigrationDecision none = MigrationDecision.of(new MigrationReport("a", "b", List.of(), List.of(),
            Outcome.CODE_ROLLBACK_ENOUGH), "r7");

        assertThat(safe.action()).isEqualTo(MigrationDecision.Action.GO);
        assertThat(safe.message()).contains("1 migration file(s)").contains("all safe");
        assertThat(none.action()).isEqualTo(MigrationDecision.Action.GO);
        assertThat(none.message()).isEqualTo("no migration file changed since release r7");
    }

    private static MigrationReport report(Outcome outcome, Finding... findings) {
        return new MigrationReport("a", "b", List.of(new FileReport("db/migrations/V9__change.sql", "flyway", "added",
            List.of(findings), null)), List.of(), outcome);
    }

    private static Finding finding(int line, String kind, Verdict verdict) {
        return new Finding(line, null, kind, verdict, "because", "sql");
    }
}
