package dev.rollback.decide;

import dev.rollback.migrations.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The runbook's decision tree, made explicit with the facts the runbook leaves to the operator:
 * <ul>
 *   <li>infrastructure down (Docker does not answer) → level 4, whatever the severity;</li>
 *   <li>critical, and migrations since the previous release a code rollback cannot undo → level 3
 *       from the newest pre-deploy backup (then the previous release, when it can be restored);</li>
 *   <li>critical otherwise → level 1 when the previous release can be restored, else level 2 when
 *       the code can be reverted in git, else level 3 ("levels 1 and 2 do not solve it"), else 4;</li>
 *   <li>minor → level 1 first; when level 1 cannot help (no release to go back to, or migrations
 *       it cannot undo) → fix it in the next release, with the heavier levels as alternatives.</li>
 * </ul>
 * Where level 1 is recommended, the migrations are safe and blue-green is configured, the
 * zero-downtime blue-green strategy is offered as an alternative: level 1 recreates the app containers (a few
 * seconds without an answer), blue-green keeps serving throughout and takes longer. Where level 3
 * is recommended and it stops app services, {@code --keep-serving} is offered with when it is better.
 */
public final class DecisionTree {
    /** From this dump size on the restore takes tens of seconds here, and the plan says so. */
    static final long KEEP_SERVING_FROM_MB = 500;

    private final Facts facts;
    private final StackShape stack;
    private final CommandLineFormat format;
    private final List<String> reasons = new ArrayList<>();
    private final List<String> alternatives = new ArrayList<>();

    private DecisionTree(Facts facts, StackShape stack, CommandLineFormat format) {
        this.facts = facts;
        this.stack = stack;
        this.format = format;
    }

    public static Recommendation decide(Severity severity, Facts facts, StackShape stack, CommandLineFormat format) {
        return new DecisionTree(facts, stack, format).walk(severity);
    }

    private Recommendation walk(Severity severity) {
        if (!facts.docker().reachable()) {
            reasons.add("Docker does not answer (" + facts.docker().error() + "): the infrastructure is down,"
                + " so no container can be redeployed (runbook: level 4)");
            return levelFour();
        }
        healthReason(severity);
        boolean dataChanged = facts.migrations().outcome() == Outcome.DATABASE_RESTORE_NEEDED;
        return severity == Severity.critical ? critical(dataChanged) : minor(dataChanged);
    }

    private Recommendation critical(boolean dataChanged) {
        if (dataChanged && facts.backup().name() != null) {
            reasons.add("migrations since the previous release changed data or schema one way ("
                + facts.migrations().detail() + "): a code rollback leaves those changes (runbook: level 3)");
            return levelThree();
        }
        if (dataChanged) {
            reasons.add("migrations since the previous release need a restore (" + facts.migrations().detail()
                + "), but there is no complete backup (" + facts.backup().detail() + "): level 3 is impossible");
        }
        if (facts.releases().levelOnePossible()) {
            return levelOne();
        }
        reasons.add("level 1 is impossible: " + facts.releases().problem());
        if (facts.git().revertPossible()) {
            reasons.add("the code can be reverted in git (" + facts.git().detail() + "): runbook level 2");
            return recommend(2, List.of("revert"));
        }
        reasons.add("level 2 is impossible: " + facts.git().detail());
        if (facts.backup().name() != null && !dataChanged) {
            reasons.add("levels 1 and 2 cannot solve it; what is left is the database (runbook: level 3)");
            return levelThree();
        }
        reasons.add("no level short of rebuilding can help (runbook: level 4)");
        return levelFour();
    }

    private Recommendation minor(boolean dataChanged) {
        if (dataChanged) {
            reasons.add("a minor issue, and the migrations since the previous release cannot be undone by a code"
                + " rollback (" + facts.migrations().detail() + "): level 1 would run the old code on the new schema,"
                + " level 3 would discard data written since the backup; the runbook says fix it in the next release");
            if (facts.backup().name() != null) {
                alternatives.add(format.format(restoreArgv()) + "  (if the issue turns out to be critical)");
            }
            return recommend(null, List.of());
        }
        if (facts.releases().levelOnePossible()) {
            reasons.add("a minor issue: the runbook tries level 1 first");
            return levelOne();
        }
        reasons.add("a minor issue and level 1 is impossible (" + facts.releases().problem()
            + "): the runbook says fix it in the next release");
        if (facts.git().revertPossible()) {
            alternatives.add(format.format(List.of("revert")) + "  (to take the change out now: level 2)");
        }
        return recommend(null, List.of());
    }

    private Recommendation levelOne() {
        reasons.add("release " + facts.releases().previous() + " can be restored: every image of it is on this host"
            + " (runbook: level 1, no data loss)");
        Outcome migrations = facts.migrations().outcome();
        if (migrations == Outcome.CODE_ROLLBACK_ENOUGH) {
            reasons.add("the migrations since then do not stop a code rollback (" + facts.migrations().detail() + ")");
            if (stack.blueGreenReady()) {
                alternatives.add(format.format(List.of("blue-green")) + "  (the same release with zero downtime behind"
                    + " Caddy: started beside the running stack and switched to when healthy; slower than level 1)");
            }
        } else if (migrations == Outcome.REVIEW) {
            reasons.add("WARNING: migrations since then need a review (" + facts.migrations().detail()
                + "); if they changed data one way, restore the database instead");
            restoreAlternative();
        } else if (migrations == null) {
            reasons.add("WARNING: the migrations since then could not be checked (" + facts.migrations().detail()
                + "); run `rollback check-migrations` if a deploy may have changed the schema");
            restoreAlternative();
        }
        return recommend(1, List.of("redeploy"));
    }

    /** {@code infra-rebuild}, or level 4 by hand where the platform cannot run it (no command to run). */
    private Recommendation levelFour() {
        if (stack.infraRebuild()) {
            return recommend(4, List.of("infra-rebuild"));
        }
        reasons.add("`rollback infra-rebuild` is not available for this stack's platform (stack.target): rebuild the"
            + " infrastructure by hand as the runbook's level 4 says");
        return recommend(4, List.of());
    }

    /**
     * Level 3 from the chosen backup, in the runbook's order (the app stopped for the whole restore),
     * with {@code --keep-serving} as the alternative when level 3 stops app services.
     */
    private Recommendation levelThree() {
        Facts.PointInTime pit = facts.pointInTime();
        if (pit.possible()) {
            return pointInTime(pit);
        }
        backupReason();
        if (stack.stopsAppServices()) {
            List<String> keepServing = new ArrayList<>(restoreArgv());
            keepServing.add("--keep-serving");
            alternatives.add(format.format(keepServing) + "  (" + keepServingWhen() + ")");
        }
        return recommend(3, restoreArgv());
    }

    /**
     * Level 3 to a point in time: it loses what was written after the target, against everything since the dump.
     * The dump restore stays as the alternative, with its own loss.
     */
    private Recommendation pointInTime(Facts.PointInTime pit) {
        String since = pit.at() == null ? "the target" : pit.at().toString();
        reasons.add("archiving covers " + pit.detail() + ": a point-in-time restore loses only what was written after "
            + since + "; the app serves until the swap and the current data is kept in a volume for an undo"
            + (facts.archiving().live() ? "" : " (archiving is not live now: " + facts.archiving().detail()
                + "; the files on disk reach the target all the same)"));
        List<String> argv = new ArrayList<>(List.of("db-restore", pit.option(), pit.value()));
        if (stack.composeWithAppServices() && facts.releases().levelOnePossible()) {
            argv.addAll(List.of("--redeploy", "previous"));
        }
        if (facts.backup().name() != null) {
            alternatives.add(format.format(restoreArgv()) + "  (the dump " + facts.backup().name() + ": loses "
                + (facts.backup().age() == null ? "everything written since it was taken"
                    : "everything written in the " + BackupProbe.ago(facts.backup().age()) + " since it was taken")
                + ")");
        }
        return recommend(3, argv);
    }

    /**
     * When --keep-serving is the better choice. The estimate is the dump's size at about 30 s a GB, what
     * bench/db-restore's plain restore took on an idle 2-core machine (docs/restore.md): rough, and said to be.
     */
    private String keepServingWhen() {
        long mb = facts.backup().sizeBytes() / 1_000_000;
        String estimate = mb >= KEEP_SERVING_FROM_MB
            ? "this backup is " + mb + " MB, roughly " + Math.max(1, mb * 30 / 1000) + " s of restore, all of it downtime"
                + " in the default order; "
            : "";
        return estimate + "better when the app may serve the current data until the swap: it keeps answering"
            + " during the restore and is down only for the swap; not when it must stop serving or writing at once,"
            + " since what it writes meanwhile stays only in the kept old database";
    }

    private void restoreAlternative() {
        if (facts.backup().name() != null) {
            alternatives.add(format.format(restoreArgv()) + "  (if the migrations changed data: level 3)");
        }
    }

    private List<String> restoreArgv() {
        List<String> argv = new ArrayList<>(List.of("db-restore", "--backup", facts.backup().name()));
        if (stack.composeWithAppServices() && facts.releases().levelOnePossible()) {
            argv.addAll(List.of("--redeploy", "previous"));
        }
        return argv;
    }

    private void healthReason(Severity severity) {
        if (!facts.health().healthy()) {
            reasons.add("the stack is unhealthy: " + String.join("; ", facts.health().failing()));
        } else if (severity == Severity.critical) {
            reasons.add("the " + facts.health().checks() + " health checks pass now, but the severity is critical:"
                + " the runbook still goes back");
        }
    }

    private void backupReason() {
        reasons.add("restore " + facts.backup().name() + " (" + facts.backup().detail() + "); data written since"
            + " it was taken is lost, and the current database is kept for an undo");
    }

    private Recommendation recommend(Integer level, List<String> argv) {
        return new Recommendation(level, argv, argv.isEmpty() ? null : format.format(argv), reasons, alternatives);
    }
}
