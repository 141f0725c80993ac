package dev.rollback.bluegreen;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.gate.GateChecks;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What "healthy" means for one side before the proxy is pointed at it: its app containers running
 * (and healthy where the image has a healthcheck), the health path answering on each published
 * port, and the addresses the proxy will dial answering as the proxy will ask them (from inside its
 * network, or from this host when it shares the host's network: see {@link ProxyTopology}).
 *
 * @param published the health path on each app service's first published port, from this host
 * @param dials     each address the proxy dials (or will), asked as the proxy asks it
 */
record SideChecks(List<HealthCheck> containers, List<HealthCheck> published, List<HealthCheck> dials) {

    /** Green: project {@code <stack>-green}, shifted ports, the addresses the proxy will dial on it. */
    static SideChecks green(BlueGreenInputs in, BlueGreenRun run) {
        return of(in, in.stack().greenProject(), run, true, run.topology.greenDialChecks(in, run));
    }

    /** The primary project on the original ports, dialed as the proxy's configuration dials it. */
    static SideChecks primary(BlueGreenInputs in, BlueGreenRun run) {
        return of(in, in.stack().name(), run, false, run.topology.primaryDialChecks(in));
    }

    /** Every check but the containers': what the gate probes over HTTP. */
    List<HealthCheck> endpoints() {
        List<HealthCheck> endpoints = new ArrayList<>(published);
        endpoints.addAll(dials);
        return endpoints;
    }

    /** What the side's health gate waits for: the containers first, then every HTTP check. */
    GateChecks gateChecks() {
        return new GateChecks(containers, endpoints());
    }

    private static SideChecks of(BlueGreenInputs in, String project, BlueGreenRun run, boolean green,
                                 List<HealthCheck> dials) {
        List<HealthCheck> containers = new ArrayList<>();
        List<HealthCheck> published = new ArrayList<>();
        for (String service : in.stack().appServices()) {
            containers.add(in.tools().sides().side(project).serviceCheck(service));
            run.greenFile.firstTcpPort(service).ifPresent(port -> published.add(in.tools().hostHttp().get(
                (green ? "green:" : "") + service, URI.create("http://" + port.probeHost() + ":"
                + (green ? port.greenPort() : port.hostPort()) + in.settings().healthPath()))));
        }
        return new SideChecks(containers, published, List.copyOf(dials));
    }
}
