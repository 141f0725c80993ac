package dev.rollback.redeploy;

import dev.rollback.migrations.MigrationReport;
import dev.rollback.migrations.Verdict;
import java.util.Map;

/**
 * What level 1 does with {@code check-migrations}' verdict over the migrations added since the
 * release it goes back to: go on when a code rollback is enough; ask the operator when a statement
 * needs a review; refuse when the old code would run on a schema or data it cannot serve, naming the
 * statements and the level {@code rollback plan} recommends for that case (level 3, the restore).
 *
 * @param message for ASK the question's line, for REFUSE the refusal, for GO a summary
 */
public record MigrationDecision(Action action, String message) {
    /** Go on, ask first (a destructive step: a terminal or --yes), or refuse (exit 3). */
    public enum Action { GO, ASK, REFUSE }

    /** @param release the release level 1 goes back to */
    public static MigrationDecision of(MigrationReport report, String release) {
        Map<String, Long> counts = report.counts();
        return switch (report.verdict()) {
            case DATABASE_RESTORE_NEEDED -> new MigrationDecision(Action.REFUSE, "migrations added since release "
                + release + " cannot be undone by a code rollback: " + counts.get("dangerous") + " dangerous statement(s): "
                + report.where(Verdict.DANGEROUS) + "; `rollback plan` recommends level 3 for a critical issue"
                + " (`rollback db-restore --backup latest --redeploy previous`) and a fix in the next release for a minor"
                + " one; --ignore-migrations redeploys anyway");
            case REVIEW -> new MigrationDecision(Action.ASK, "run release " + release + "'s code over migrations that"
                + " need a review: " + counts.get("review") + " statement(s) not known to be safe: "
                + report.where(Verdict.REVIEW) + " (if they changed data one way, restore the database instead)");
            case CODE_ROLLBACK_ENOUGH -> new MigrationDecision(Action.GO, report.files().isEmpty()
                ? "no migration file changed since release " + release
                : report.files().size() + " migration file(s) since release " + release + ", " + counts.get("safe")
                    + " statement(s), all safe for a code rollback");
        };
    }
}
