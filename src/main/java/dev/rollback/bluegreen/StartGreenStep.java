package dev.rollback.bluegreen;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/**
 * Starts green (see {@link GreenStack#start}). Undone after a later failure by removing green,
 * unless the proxy routes to it: green is never removed from under live traffic.
 */
final class StartGreenStep implements Step {
    private final BlueGreenRun run;
    private final GreenStack green;

    StartGreenStep(BlueGreenRun run, GreenStack green) {
        this.run = run;
        this.green = green;
    }

    @Override
    public String id() {
        return "start-green";
    }

    @Override
    public String description() {
        return "start the app services as project " + green.project() + " from the green file, on blue's networks"
            + " too (no aliases), so they share blue's stateful services and the proxy reaches them";
    }

    @Override
    public void check(StepContext context) {
        List<String> commands = green.startCommands(run.greenFilePath);
        context.detail("commands", commands);
        run.plan(commands, context);
    }

    @Override
    public void apply(StepContext context) {
        long start = System.nanoTime();
        green.start(context);
        run.phase(id(), start, context);
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        if (run.serving() == Side.GREEN) {
            context.skip("the proxy routes to " + green.project() + "; it stays");
            return;
        }
        green.remove(context);
    }
}
