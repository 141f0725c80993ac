package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy routes to the app services: its live configuration dials at least one of them, by
 * service name or by blue's container name. Those dials are what the switch rewrites.
 */
final class ProxyRoutesStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;

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
        Map<String, String> hosts = new LinkedHashMap<>();
        in.stack().appServices().forEach(service -> hosts.put(service, service));
        for (ContainerInfo container : in.tools().docker().projectContainers(in.stack().name())) {
            if (in.stack().appServices().contains(container.service())) {
                hosts.put(container.name(), container.service());
            }
        }
        return hosts;
    }

    /**
     * What the proxy dials for the primary: its live configuration, or, while it dials a green an
     * interrupted run left, the configuration from before that run's switch.
     */
    @Override
    public void check(StepContext context) {
        Map<String, String> hosts = appHosts(in);
        ProxyRoutes routes = run.leftGreen(in, context.memory()).filter(LeftGreen::routed).map(LeftGreen::original)
            .orElseGet(() -> in.tools().proxy().current());
        run.hostPorts = routes.dialedPorts(hosts.keySet());
        if (run.hostPorts.isEmpty()) {
            throw RollbackException.refused("Caddy routes to none of the app services (" + String.join(", ",
                in.stack().appServices()) + "); it dials " + routes.dials() + ". Nothing to switch");
        }
        run.dialedHosts = new LinkedHashMap<>();
        run.hostPorts.keySet().forEach(host -> run.dialedHosts.put(host, hosts.get(host)));
        List<String> unrouted = in.stack().appServices().stream()
            .filter(service -> !run.dialedHosts.containsValue(service)).toList();
        context.detail("dials", run.hostPorts.entrySet().stream()
            .flatMap(e -> e.getValue().stream().map(port -> e.getKey() + ":" + port)).toList());
        if (!unrouted.isEmpty()) {
            context.detail("notRouted", unrouted);
        }
    }

    @Override
    public void apply(StepContext context) {
        // checked: the switch reads the live configuration again when it happens
    }
}
