package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;
import java.util.function.Consumer;

/** One compose command on the primary project: stop blue's app services, or start them on the revision. */
final class ComposeStep implements Step {
    private final String id;
    private final String description;
    private final List<String> args;
    private final Consumer<Compose> command;
    private final boolean destructive;
    private final Compose compose;
    private final BlueGreenRun run;

    private ComposeStep(String id, String description, List<String> args, Consumer<Compose> command, boolean destructive,
                        Compose compose, BlueGreenRun run) {
        this.id = id;
        this.description = description;
        this.args = args;
        this.command = command;
        this.destructive = destructive;
        this.compose = compose;
        this.run = run;
    }

    /** After the drain: blue's app services stop (their containers stay, for the record). */
    static ComposeStep stopBlue(BlueGreenInputs in, BlueGreenRun run) {
        List<String> apps = in.stack().appServices();
        return new ComposeStep("stop-blue", "stop blue's " + String.join(", ", apps) + " in project " + in.stack().name()
            + " (green serves)", GreenStack.concat(List.of("stop"), apps), c -> c.stop(apps), true,
            in.tools().primary(), run);
    }

    /** After the checkout: the primary project's app services on the revision, on the original ports. */
    static ComposeStep startPrimary(BlueGreenInputs in, BlueGreenRun run) {
        List<String> apps = in.stack().appServices();
        return new ComposeStep("start-primary", "start " + String.join(", ", apps) + " of project " + in.stack().name()
            + " on the revision, on the original ports", GreenStack.concat(List.of("up", "-d", "--no-build", "--no-deps",
            "--force-recreate"), apps), c -> c.up(apps, new Compose.UpOptions(true, true)), false, in.tools().primary(), run);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean destructive() {
        return destructive;
    }

    @Override
    public void check(StepContext context) {
        String line = compose.commandLine(args);
        context.detail("command", line);
        run.plan(List.of(line), context);
    }

    @Override
    public void apply(StepContext context) {
        long start = System.nanoTime();
        command.accept(compose);
        run.phase(id, start, context);
    }
}
