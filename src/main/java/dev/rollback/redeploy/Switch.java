package dev.rollback.redeploy;

import dev.rollback.core.StepContext;
import dev.rollback.gate.AroundGate;
import dev.rollback.gate.DowntimeMonitor;
import dev.rollback.gate.GateChecks;
import dev.rollback.release.Release;
import java.util.List;
import java.util.Map;

/**
 * What the steps of one redeploy share: the chosen release, the changes, the downtime monitor.
 * Around the health gate it skips the wait when nothing was switched, and reports per-check
 * downtime and the time from the switch to healthy.
 */
final class Switch implements AroundGate {
    Release target;
    String leaving = "unrecorded";
    List<ServiceChange> changes = List.of();
    DowntimeMonitor monitor;
    long startedNanos;

    List<String> services() {
        return changes.stream().map(ServiceChange::service).toList();
    }

    /** What the stack goes back to, for messages. */
    String targetLabel() {
        return target != null ? "release " + target.id() : "the previous Swarm spec";
    }

    boolean nothingToDo() {
        return changes.isEmpty();
    }

    @Override
    public String skipReason() {
        return nothingToDo() ? "nothing was switched" : null;
    }

    @Override
    public void waited(long waitStartedNanos, GateChecks checks, StepContext context) {
        Map<String, Long> downtime = monitor.stop();
        context.result("downtimeMs", downtime)
            .result("switchToHealthyMs", (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
