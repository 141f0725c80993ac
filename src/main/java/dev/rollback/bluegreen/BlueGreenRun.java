package dev.rollback.bluegreen;

import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.core.RunMemory;
import dev.rollback.core.StepContext;
import dev.rollback.release.RollbackTarget;
import dev.rollback.workdir.FilesAtRevision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the steps of one blue-green run learn and share: the revision, the green file, the
 * proxy's original routes, green's addresses, and above all which side the proxy serves, which
 * decides what a failure may remove (green is never removed while the proxy routes to it).
 */
final class BlueGreenRun {
    RollbackTarget rollbackTarget;
    FilesAtRevision target;
    GreenComposeFile greenFile;
    Path greenFilePath;
    /** Host names the proxy dials for app services → the ports it dials on them ({@code backend → [80]}). */
    Map<String, Set<Integer>> hostPorts = Map.of();
    /** Host names the proxy dials → the app service they stand for (service names and blue's container names). */
    Map<String, String> dialedHosts = Map.of();
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

    /** Host → green addresses, for rewriting every dial that stands for an app service. */
    Map<String, List<String>> greenAddressesByHost() {
        Map<String, List<String>> byHost = new TreeMap<>();
        dialedHosts.forEach((host, service) -> {
            List<String> addresses = greenAddresses.get(service);
            if (addresses != null && !addresses.isEmpty()) {
                byHost.put(host, addresses);
            }
        });
        return byHost;
    }

    /** The green an interrupted run left, if any: looked for once, by the first check that asks. */
    Optional<LeftGreen> leftGreen(BlueGreenInputs in, RunMemory memory) {
        if (leftGreen == null) {
            leftGreen = LeftGreen.find(in, memory);
        }
        return leftGreen;
    }

    /** The upstreams the proxy lists once it dials the primary again: {@code backend:80}. */
    List<String> primaryUpstreams() {
        List<String> upstreams = new ArrayList<>();
        hostPorts.forEach((host, ports) -> ports.forEach(port -> upstreams.add(host + ":" + port)));
        return upstreams;
    }

    /** The upstream addresses the proxy holds once it routes to green: {@code 10.0.9.2:80}. */
    List<String> greenUpstreams() {
        return greenRoutes == null ? List.of() : greenRoutes.dials().stream()
            .filter(dial -> !original.dials().contains(dial)).toList();
    }
}
