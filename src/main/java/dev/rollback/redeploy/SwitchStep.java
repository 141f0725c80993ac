package dev.rollback.redeploy;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.DowntimeMonitor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The switch of a redeploy, whatever runs the services: skipped when they already run the
 * release, destructive otherwise, measured by a downtime monitor from its start (stopped by the
 * health gate, or here when the switch itself fails), undone by putting back what ran.
 */
abstract class SwitchStep implements Step {
    private static final Duration MONITOR_INTERVAL = Duration.ofMillis(200);

    protected final Switch change;
    private final Function<List<String>, Map<String, HealthCheck>> monitored;
    private final boolean undoOnFailure;

    SwitchStep(Switch change, Function<List<String>, Map<String, HealthCheck>> monitored, boolean undoOnFailure) {
        this.change = change;
        this.monitored = monitored;
        this.undoOnFailure = undoOnFailure;
    }

    /** Moves the services of {@link #change} to the release's images. */
    protected abstract void switchServices(StepContext context);

    /** Puts the services back on what ran before; answers the services restored. */
    protected abstract List<String> restore(StepContext context);

    /** "recreate backend, web on", "update backend to": what the switch does, before "the images of release X". */
    protected abstract String verb();

    @Override
    public String description() {
        if (change.target == null) {
            return verb() + " the services to the release's images";
        }
        return change.nothingToDo() ? "nothing to switch: the services already run release " + change.target.id()
            : verb() + " " + String.join(", ", change.services()) + " on the images of release " + change.target.id();
    }

    @Override
    public boolean destructive() {
        return !change.nothingToDo();
    }

    @Override
    public final void apply(StepContext context) {
        if (change.nothingToDo()) {
            context.skip("the services already run release " + change.target.id());
            return;
        }
        change.startedNanos = System.nanoTime();
        change.monitor = DowntimeMonitor.start(monitored.apply(change.services()), MONITOR_INTERVAL);
        try {
            switchServices(context);
        } catch (RuntimeException e) {
            change.monitor.stop();
            throw e;
        }
    }

    @Override
    public boolean undoable() {
        return undoOnFailure && !change.nothingToDo();
    }

    @Override
    public final void undo(StepContext context) {
        context.detail("restored", restore(context));
    }
}
