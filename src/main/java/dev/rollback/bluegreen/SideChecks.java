package dev.rollback.bluegreen;

import dev.rollback.adapters.health.ContainerHealthCheck;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HttpCheck;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What "healthy" means for one side before the proxy is pointed at it: its app containers running
 * (and healthy where the image has a healthcheck), the health path answering on each published
 * port, and the addresses the proxy will dial answering from inside the proxy's network.
 */
record SideChecks(List<HealthCheck> containers, List<HealthCheck> endpoints) {
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(3);

    /** Green: project {@code <stack>-green}, shifted ports, its addresses on the proxy network. */
    static SideChecks green(BlueGreenInputs in, BlueGreenRun run) {
        Map<String, HealthCheck> dials = new LinkedHashMap<>();
        run.hostPorts.forEach((host, ports) -> {
            String service = run.dialedHosts.get(host);
            for (String address : run.greenAddresses.getOrDefault(service, List.of())) {
                ports.forEach(port -> dial(in, dials, service, "http://" + address + ":" + port));
            }
        });
        return of(in, in.stack().greenProject(), run, true, dials);
    }

    /** The primary project on the original ports, dialed by the names the proxy's configuration uses. */
    static SideChecks primary(BlueGreenInputs in, BlueGreenRun run) {
        Map<String, HealthCheck> dials = new LinkedHashMap<>();
        run.hostPorts.forEach((host, ports) ->
            ports.forEach(port -> dial(in, dials, run.dialedHosts.get(host), "http://" + host + ":" + port)));
        return of(in, in.stack().name(), run, false, dials);
    }

    private static void dial(BlueGreenInputs in, Map<String, HealthCheck> dials, String service, String base) {
        String url = base + in.settings().healthPath();
        dials.putIfAbsent(url, new DialCheck(in.tools().networks(), in.settings().proxyContainer(),
            in.settings().helperImage(), service, url));
    }

    private static SideChecks of(BlueGreenInputs in, String project, BlueGreenRun run, boolean green,
                                 Map<String, HealthCheck> dials) {
        List<HealthCheck> containers = new ArrayList<>();
        List<HealthCheck> endpoints = new ArrayList<>();
        for (String service : in.stack().appServices()) {
            containers.add(ContainerHealthCheck.service(in.tools().docker(), project, service));
            run.greenFile.firstTcpPort(service).ifPresent(port -> endpoints.add(new HttpCheck(
                (green ? "green:" : "") + service, URI.create("http://" + port.probeHost() + ":"
                + (green ? port.greenPort() : port.hostPort()) + in.settings().healthPath()), 200, null, HTTP_TIMEOUT)));
        }
        endpoints.addAll(dials.values());
        return new SideChecks(containers, endpoints);
    }
}
