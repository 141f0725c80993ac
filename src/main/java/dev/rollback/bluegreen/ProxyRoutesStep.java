package dev.rollback.bluegreen;

import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.images.MissingImages;
import java.util.List;
import java.util.Map;

/**
 * The proxy routes to the app services: its live configuration dials at least one of them, by
 * service name or blue's container name (Caddy on the stack's network), or on a port they publish
 * on this host (Caddy on the host's network). Those dials are what the switch rewrites.
 */
final class ProxyRoutesStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;
    private List<String> helperToPull = List.of();

    ProxyRoutesStep(BlueGreenInputs in, BlueGreenRun run) {
        this.in = in;
        this.run = run;
    }

    @Override
    public String id() {
        return "proxy-routes";
    }

    @Override
    public String description() {
        return "Caddy routes to the app services " + String.join(", ", in.stack().appServices());
    }

    /** The host names that stand for an app service in a dial: the service's, and blue's container names. */
    static Map<String, String> appHosts(BlueGreenInputs in) {
        return in.tools().sides().hostNames(in.stack().name(), in.stack().appServices());
    }

    /**
     * What the proxy dials for the primary: its live configuration, or, while it dials a green an
     * interrupted run left, the configuration from before that run's switch. From those dials the
     * topology is chosen, once ({@link PrimaryDials#topology}); the plan says which.
     */
    @Override
    public void check(StepContext context) {
        ProxyRoutes routes = run.leftGreen(in, context.memory()).filter(LeftGreen::routed).map(LeftGreen::original)
            .orElseGet(() -> in.tools().proxy().current());
        PrimaryDials found = PrimaryDials.find(in, routes);
        run.topology = found.topology(in.stack().appServices(), in.settings().portOffset());
        context.detail("topology", run.topology.wire()).result("topology", run.topology.wire());
        if (in.tools().sides().greenIsOwnStack() && run.topology.dialsGreenByAddress()) {
            throw RollbackException.refused("Caddy dials the app services by name (" + run.topology.dials().get(0).dial()
                + "); on a Swarm stack blue-green switches Caddy between published ports: dial them as"
                + " 127.0.0.1:<published port> (docs/blue-green.md#swarm)");
        }
        helperToPull = run.topology.requireProbe(in, context);
        List<String> unrouted = in.stack().appServices().stream()
            .filter(service -> run.topology.dials().stream().noneMatch(dial -> dial.service().equals(service))).toList();
        context.detail("dials", run.topology.dials().stream().map(AppDial::dial).distinct().toList());
        if (!unrouted.isEmpty()) {
            context.detail("notRouted", unrouted);
        }
        if (!found.otherHostPorts().isEmpty()) {
            context.detail("leftAlone", found.otherHostPorts());
        }
    }

    /** Pulls the helper image the probe needs, if missing: the first change of a run. */
    @Override
    public void apply(StepContext context) {
        // the routes were checked: the switch reads the live configuration again when it happens
        new MissingImages(in.tools().docker(), in.settings().pull()).pull(helperToPull, context);
    }
}
