package dev.rollback.redeploy;

import dev.rollback.gate.DowntimeMonitor;
import dev.rollback.release.Release;
import java.util.List;

/** What the steps of one redeploy share: the chosen release, the changes, the downtime monitor. */
final class Switch {
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
}
