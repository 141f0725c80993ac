package dev.rollback.redeploy;

import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.migrations.MigrationReport;
import dev.rollback.release.Ledger;
import dev.rollback.release.Release;
import dev.rollback.workdir.GitCheckout;

/**
 * Level 1's migration check, in the check phase (so also under --dry-run): {@code check-migrations}
 * from the git commit of the release it goes back to up to the commit that runs (the running
 * release's, or the checkout's HEAD when what runs was not recorded), decided by
 * {@link MigrationDecision}. A dangerous verdict refuses (exit 3); a review verdict makes this step
 * destructive, so the run asks on a terminal and refuses without one unless --yes. With nothing to
 * compare (no checkout, a release without a commit, no release chosen) the step is skipped with
 * the reason: the check guards level 1, it never makes it fail.
 */
final class CheckMigrationsStep implements Step {
    private final MigrationGate gate;
    private final Ledger ledger;
    private final Switch change;
    private MigrationDecision decision;

    CheckMigrationsStep(MigrationGate gate, Ledger ledger, Switch change) {
        this.gate = gate;
        this.ledger = ledger;
        this.change = change;
    }

    @Override
    public String id() {
        return "check-migrations";
    }

    @Override
    public String description() {
        if (decision != null && decision.action() == MigrationDecision.Action.ASK) {
            return decision.message();
        }
        return "check the migrations added since " + (change.target == null ? "the release to go back to"
            : "release " + change.target.id()) + " for changes a code rollback cannot undo";
    }

    @Override
    public void check(StepContext context) {
        String notCompared = notCompared();
        if (notCompared != null) {
            context.skip(notCompared);
            return;
        }
        GitCheckout checkout;
        try {
            checkout = gate.checkout().get();
        } catch (RollbackException noCheckout) {
            context.skip("no git checkout to compare in: " + noCheckout.getMessage());
            return;
        }
        Release target = change.target;
        String running = runningCommit(checkout, context);
        String from;
        try {
            from = checkout.git().resolve(target.gitCommit());
        } catch (RollbackException unknown) {
            context.skip("commit " + target.shortCommit() + " of release " + target.id() + " is not in the checkout: "
                + unknown.getMessage());
            return;
        }
        if (from.equals(running)) {
            context.skip("release " + target.id() + " was recorded at the commit that runs: no migration in between");
            return;
        }
        if (checkout.git().isAncestor(running, from)) {
            context.skip("release " + target.id() + " is newer than the commit that runs: nothing to undo");
            return;
        }
        MigrationReport report;
        try {
            report = gate.check().apply(checkout).run(from, running);
        } catch (RollbackException unreadable) {
            context.skip("the migrations could not be read: " + unreadable.getMessage());
            return;
        }
        decision = MigrationDecision.of(report, target.id());
        context.detail("from", from).detail("to", running).detail("verdict", report.verdict().wire())
            .detail("counts", report.counts()).detail("files", report.files());
        if (!report.skipped().isEmpty()) {
            context.detail("skippedFiles", report.skipped());
        }
        if (decision.action() == MigrationDecision.Action.REFUSE) {
            throw RollbackException.refused(decision.message());
        }
        context.detail("decision", decision.message());
    }

    /** Why there is nothing to compare, before opening the checkout; null when there may be. */
    private String notCompared() {
        if (gate.skips()) {
            return gate.skipReason();
        }
        if (change.target == null) {
            return "no release from the ledger to compare with (the Engine's previous spec has no git commit)";
        }
        if (change.target.gitCommit() == null) {
            return "release " + change.target.id() + " recorded no git commit (its workdir was not a checkout)";
        }
        return null;
    }

    /** The running release's commit when it recorded one, else the checkout's HEAD (said in the details). */
    private String runningCommit(GitCheckout checkout, StepContext context) {
        Release running = ledger.releases().stream().filter(r -> r.id().equals(change.leaving)).findFirst().orElse(null);
        if (running != null && running.gitCommit() != null) {
            try {
                String commit = checkout.git().resolve(running.gitCommit());
                context.detail("running", "release " + running.id());
                return commit;
            } catch (RollbackException unknown) {
                context.detail("runningCommitUnknown", unknown.getMessage());
            }
        }
        context.detail("running", "the checkout's HEAD (what runs is " + change.leaving + ")");
        return checkout.git().head();
    }

    @Override
    public boolean destructive() {
        return decision != null && decision.action() == MigrationDecision.Action.ASK;
    }

    @Override
    public void apply(StepContext context) {
        if (decision != null) {
            context.result("migrations", decision.message());
        }
    }
}
