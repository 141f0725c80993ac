package dev.rollback.bluegreen;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.adapters.proxy.ProxyRoutes.HostPort;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Caddy on the host's network (from the distribution's package under systemd, or a container with
 * {@code network_mode: host}), dialing ports the app services publish: {@code 127.0.0.1:18341},
 * {@code localhost:18341}, {@code [::1]:18341} or the host IP of the compose ports entry. Green
 * publishes every port shifted by the offset, so the switch dials the same host on the shifted
 * port ({@code 127.0.0.1:28341}), and green is probed from this host exactly so: no helper
 * container, and nothing attached to Caddy.
 */
final class HostPorts implements ProxyTopology {
    static final String WIRE = "host-ports";

    private final List<AppDial> dials;
    private final int offset;

    HostPorts(List<AppDial> dials, int offset) {
        this.dials = List.copyOf(dials);
        this.offset = offset;
    }

    @Override
    public String wire() {
        return WIRE;
    }

    @Override
    public List<AppDial> dials() {
        return dials;
    }

    @Override
    public List<String> requireProbe(BlueGreenInputs in, StepContext context) {
        context.detail("probedFrom", "this host, on green's published ports (Caddy shares the host's network)");
        return List.of();
    }

    @Override
    public boolean dialsGreenByAddress() {
        return false;
    }

    /**
     * Each dialed port must be one the service publishes in the revision's file: green publishes
     * it shifted, and the primary on the revision publishes it again when Caddy is switched back.
     */
    @Override
    public void requireServedBy(GreenComposeFile revision) {
        for (AppDial dial : dials) {
            boolean published = revision.ports().stream()
                .anyMatch(port -> port.tcp() && port.service().equals(dial.service()) && port.hostPort() == dial.port());
            if (!published) {
                String ports = revision.ports().stream().filter(port -> port.service().equals(dial.service()))
                    .map(port -> String.valueOf(port.hostPort())).collect(Collectors.joining(", "));
                throw RollbackException.refused("Caddy dials " + dial.dial() + ", which " + dial.service()
                    + " publishes now, but at the target revision " + dial.service() + " publishes "
                    + (ports.isEmpty() ? "no host port" : "host port(s) " + ports) + "; after the switch back Caddy would"
                    + " dial nothing there. Publish " + dial.port() + " in that revision's compose file, or use recreate");
            }
        }
    }

    /** {@code 127.0.0.1:18341} becomes {@code 127.0.0.1:<18341 + offset>}: the same host, green's port. */
    @Override
    public ProxyRoutes greenRoutes(ProxyRoutes original, BlueGreenRun run) {
        Map<String, String> moved = new LinkedHashMap<>();
        dials.forEach(dial -> moved.put(dial.dial(), greenDial(dial)));
        return original.replaceDials(moved);
    }

    String greenDial(AppDial dial) {
        return new HostPort(dial.host(), dial.port() + offset).toString();
    }

    @Override
    public List<HealthCheck> greenDialChecks(BlueGreenInputs in, BlueGreenRun run) {
        return checks(in, true);
    }

    @Override
    public List<HealthCheck> primaryDialChecks(BlueGreenInputs in) {
        return checks(in, false);
    }

    private List<HealthCheck> checks(BlueGreenInputs in, boolean green) {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        for (AppDial dial : dials) {
            String url = "http://" + (green ? greenDial(dial) : dial.dial()) + in.settings().healthPath();
            checks.putIfAbsent(url, new HostDialCheck(in.tools().hostHttp(), dial.service(), url));
        }
        return List.copyOf(checks.values());
    }
}
