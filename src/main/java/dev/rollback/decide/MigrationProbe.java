package dev.rollback.decide;

import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import dev.rollback.migrations.MigrationCheck;
import dev.rollback.migrations.MigrationReport;
import dev.rollback.migrations.Verdict;
import dev.rollback.workdir.GitCheckout;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code check-migrations} from the previous release's commit to the checkout's HEAD: can a code
 * rollback undo what the deploy did to the database?
 */
final class MigrationProbe extends Probe {
    private final Supplier<GitCheckout> checkout;
    private final Function<GitCheckout, MigrationCheck> check;

    /** @param checkout the checkout the git probe opened (null when there is none) */
    MigrationProbe(Supplier<GitCheckout> checkout, Function<GitCheckout, MigrationCheck> check, FactSheet sheet) {
        super(sheet);
        this.checkout = checkout;
        this.check = check;
    }

    @Override
    public String id() {
        return "probe-migrations";
    }

    @Override
    public String description() {
        Facts.Migrations migrations = sheet.migrations;
        return migrations.outcome() == null ? "migrations not checked: " + migrations.detail()
            : "migrations since the previous release: " + migrations.outcome().wire() + " (" + migrations.detail() + ")";
    }

    @Override
    protected void probe(StepContext context) {
        String from = sheet.releases.previousCommit();
        GitCheckout opened = checkout.get();
        if (from == null || opened == null || sheet.git.head() == null) {
            sheet.migrations = new Facts.Migrations(null, from == null
                ? "no previous release with a recorded git commit to compare with" : "no git checkout: " + sheet.git.detail());
            context.skip(sheet.migrations.detail());
            return;
        }
        try {
            MigrationReport report = check.apply(opened).run(opened.git().resolve(from), sheet.git.head());
            sheet.migrations = new Facts.Migrations(report.verdict(), summary(report));
            context.detail("from", from).detail("to", sheet.git.head()).detail("verdict", report.verdict().wire())
                .detail("counts", report.counts()).detail("files", report.files());
        } catch (RollbackException e) {
            sheet.migrations = new Facts.Migrations(null, e.getMessage());
            context.detail("error", e.getMessage());
        }
    }

    private static String summary(MigrationReport report) {
        Map<String, Long> counts = report.counts();
        if (report.files().isEmpty()) {
            return "no migration file changed";
        }
        String text = report.files().size() + " file(s): " + counts.get("dangerous") + " dangerous, "
            + counts.get("review") + " to review, " + counts.get("safe") + " safe";
        if (counts.get("dangerous") > 0) {
            return text + "; dangerous: " + report.where(Verdict.DANGEROUS);
        }
        return counts.get("review") > 0 ? text + "; to review: " + report.where(Verdict.REVIEW) : text;
    }
}
