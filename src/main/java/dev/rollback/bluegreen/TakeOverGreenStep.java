package dev.rollback.bluegreen;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.Optional;

/**
 * What to do with a green an interrupted run left (see {@link LeftGreen}). If the proxy does not
 * dial it, it never served or serves no more: it is removed, and this run starts from blue as any
 * run does. If the proxy dials it, that run got as far as the switch: this run continues from
 * there, on the revision it was asked for. The steps up to stopping blue are skipped
 * ({@link UnlessGreenServes}), the primary is started on the revision, the proxy switched back to
 * it with the configuration from before that run's switch, and green removed. Green serves until
 * then, so no request fails. Skipped when no green is left.
 */
final class TakeOverGreenStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;
    private final GreenStack green;
    private Optional<LeftGreen> left = Optional.empty();

    TakeOverGreenStep(BlueGreenInputs in, BlueGreenRun run, GreenStack green) {
        this.in = in;
        this.run = run;
        this.green = green;
    }

    @Override
    public String id() {
        return "take-over-green";
    }

    @Override
    public String description() {
        return "take over " + green.project() + " if an interrupted run left it: remove it, or, if Caddy dials it,"
            + " continue that run from its switch";
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void check(StepContext context) {
        left = run.leftGreen(in, context.memory());
        if (left.isEmpty()) {
            context.skip("no " + green.project() + " is left by an earlier run");
            return;
        }
        context.detail("leftByInterruptedRun", left.get().names()).detail("caddyDialsGreen", left.get().routed());
        if (left.get().routed()) {
            run.original = left.get().original();
            run.greenRoutes = in.tools().proxy().current();
            context.detail("continues", "from the switch to green: start-green to stop-blue are skipped");
        } else {
            run.plan(green.removeCommands(run.greenFilePath), context);
        }
    }

    @Override
    public void apply(StepContext context) {
        if (left.isEmpty()) {
            return;
        }
        context.progress("    " + green.project() + " was left by an interrupted run: " + String.join(", ", left.get().names()));
        if (left.get().routed()) {
            run.serving(Side.GREEN, context);
        } else {
            green.removeLeft(context);
        }
        context.result("tookOverGreen", left.get().names());
    }
}
