package dev.rollback.migrations;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/** Opens the checkout and resolves {@code --from} and {@code --to} to commits. */
final class ResolveRangeStep implements Step {
    private final CheckMigrationsPlan.Inputs in;
    private final CheckedRange range;

    ResolveRangeStep(CheckMigrationsPlan.Inputs in, CheckedRange range) {
        this.in = in;
        this.range = range;
    }

    @Override
    public String id() {
        return "resolve-range";
    }

    @Override
    public String description() {
        return "resolve --from " + in.from() + " and --to " + in.to() + " to commits";
    }

    @Override
    public void check(StepContext context) {
        range.checkout = in.checkout().get();
        RangeChoice choice = new RangeChoice(range.checkout.git(), in.ledger(), in.runningImageIds());
        range.from = choice.resolve(in.from());
        range.to = choice.resolve(in.to());
        context.detail("from", range.from.shortCommit() + " = " + range.from.source())
            .detail("to", range.to.shortCommit() + " = " + range.to.source());
    }

    @Override
    public void apply(StepContext context) {
        context.result("from", range.from).result("to", range.to);
    }
}
