package dev.rollback.bluegreen;

import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.core.RunMemory;
import dev.rollback.core.StepContext;
import dev.rollback.gate.AroundGate;
import dev.rollback.gate.GateChecks;
import dev.rollback.release.RollbackTarget;
import dev.rollback.workdir.FilesAtRevision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the steps of one blue-green run learn and share: the revision, the green file, how the
 * proxy reaches the app services, its original routes, green's addresses, and above all which
 * side the proxy serves, which decides what a failure may remove (green is never removed while
 * the proxy routes to it).
 */
final class BlueGreenRun {
    RollbackTarget rollbackTarget;
    FilesAtRevision target;
    GreenComposeFile greenFile;
    Path greenFilePath;
    /** How the proxy reaches the app services, and the dials the switch rewrites (set by proxy-routes). */
    ProxyTopology topology;
    /** The proxy's configuration before the switch: what the user's Caddyfile produces. */
    ProxyRoutes original;
    ProxyRoutes greenRoutes;
    /** App service → green's container addresses on the proxy network. */
    Map<String, List<String>> greenAddresses = new TreeMap<>();
    private Side serving = Side.BLUE;
    private Optional<LeftGreen> leftGreen;
    private final Map<String, Long> phasesMs = new LinkedHashMap<>();
    private final List<String> commands = new ArrayList<>();

    Side serving() {
        return serving;
    }

    /** Records the side the proxy now routes to, in the report's result as well. */
    void serving(Side side, StepContext context) {
        serving = side;
        context.result("serving", side.wire());
    }

    /** Adds the commands a step will run to the result's {@code commands}, in plan order (shown by a dry run). */
    void plan(List<String> more, StepContext context) {
        commands.addAll(more);
        context.result("commands", List.copyOf(commands));
    }

    /** Times a phase of the run into the result's {@code phasesMs}. */
    void phase(String name, long startNanos, StepContext context) {
        phasesMs.put(name, (System.nanoTime() - startNanos) / 1_000_000);
        context.result("phasesMs", new LinkedHashMap<>(phasesMs));
    }

    /** Around a side's health gate: its wait timed as phase {@code name}, the endpoints it probed in {@code checks}. */
    AroundGate timedGate(String name) {
        return new AroundGate() {
            @Override
            public void waited(long waitStartedNanos, GateChecks checks, StepContext context) {
                phase(name, waitStartedNanos, context);
                context.detail("checks", checks.endpoints().stream().map(Object::toString).toList());
            }
        };
    }

    /** The green an interrupted run left, if any: looked for once, by the first check that asks. */
    Optional<LeftGreen> leftGreen(BlueGreenInputs in, RunMemory memory) {
        if (leftGreen == null) {
            leftGreen = LeftGreen.find(in, memory);
        }
        return leftGreen;
    }

    /** The upstreams the proxy lists once it dials the primary again: {@code backend:80}, {@code 127.0.0.1:18341}. */
    List<String> primaryUpstreams() {
        return topology.primaryUpstreams();
    }

    /** The upstream addresses the proxy holds once it routes to green: {@code 10.0.9.2:80}. */
    List<String> greenUpstreams() {
        return greenRoutes == null ? List.of() : greenRoutes.dials().stream()
            .filter(dial -> !original.dials().contains(dial)).toList();
    }
}
