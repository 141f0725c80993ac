package dev.rollback.bluegreen;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/**
 * The end: green is removed (project down, derived file deleted). A failure here leaves the primary serving and is reported, but
 * undoes nothing: the rollback itself is done.
 */
final class RemoveGreenStep implements Step {
    private final BlueGreenRun run;
    private final GreenStack green;

    RemoveGreenStep(BlueGreenRun run, GreenStack green) {
        this.run = run;
        this.green = green;
    }

    @Override
    public String id() {
        return "remove-green";
    }

    @Override
    public String description() {
        return "remove " + green.project() + " and " + run.greenFilePath;
    }

    @Override
    public void check(StepContext context) {
        List<String> commands = green.removeCommands(run.greenFilePath);
        context.detail("commands", commands);
        run.plan(commands, context);
    }

    @Override
    public boolean haltsOnFailure() {
        return false;
    }

    @Override
    public void apply(StepContext context) {
        long start = System.nanoTime();
        green.remove(context);
        run.phase(id(), start, context);
    }
}
