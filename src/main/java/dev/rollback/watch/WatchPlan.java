package dev.rollback.watch;

import dev.rollback.core.Plan;
import dev.rollback.gate.GateChecks;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code watch}: one step that watches the deploy. A mutating, journaled plan although the step
 * changes nothing: it holds the run lock while it watches (no other rollback starts under it) and
 * the webhooks hear of it like any changing run. The rollback it may trigger is a run of its own
 * (see the command).
 */
public final class WatchPlan {
    private WatchPlan() {
    }

    /** @param onBad the command line the watch runs when the deploy is bad, for the plan's output */
    public static Plan build(WatchWindow window, Supplier<GateChecks> checks, WatchClock clock,
                             BooleanSupplier cancelled, String onBad) {
        return Plan.builder("watch").step(new WatchStep(window, checks, clock, cancelled, onBad)).build();
    }
}
