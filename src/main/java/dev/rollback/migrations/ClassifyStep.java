package dev.rollback.migrations;

import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * Classifies every migration statement in the range. Fails (exit 1) unless a code rollback is
 * enough, so a CI job can gate a deploy on it; the full classification is in the result either way.
 */
final class ClassifyStep implements Step {
    private final CheckMigrationsPlan.Inputs in;
    private final CheckedRange range;

    ClassifyStep(CheckMigrationsPlan.Inputs in, CheckedRange range) {
        this.in = in;
        this.range = range;
    }

    @Override
    public String id() {
        return "classify";
    }

    @Override
    public String description() {
        return "classify the migration statements changed in the range";
    }

    @Override
    public void apply(StepContext context) {
        MigrationReport report = new MigrationCheck(new MigrationCheck.Inputs(range.checkout.git(),
            range.checkout.prefix(), in.paths(), in.parser(), in.sizes(), in.largeTableRows()))
            .run(range.from.commit(), range.to.commit());
        context.detail("files", report.files().size()).detail("counts", report.counts())
            .result(MigrationsResult.of(report));
        switch (report.verdict()) {
            case DATABASE_RESTORE_NEEDED -> throw RollbackException.failed("a code rollback is not enough, the database"
                + " must be restored: " + report.counts().get("dangerous") + " dangerous statement(s): "
                + report.where(Verdict.DANGEROUS));
            case REVIEW -> throw RollbackException.failed("review needed before relying on a code rollback: "
                + report.counts().get("review") + " statement(s) not known to be safe: " + report.where(Verdict.REVIEW));
            default -> context.detail("verdict", report.verdict().wire());
        }
    }
}
