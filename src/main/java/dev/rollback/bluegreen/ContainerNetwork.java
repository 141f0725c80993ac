package dev.rollback.bluegreen;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Caddy in a container on the stack's network, dialing the app services by name ({@code backend:80})
 * or by blue's container names. Green is dialed by its containers' addresses on a network Caddy is
 * on, and probed from inside Caddy's network namespace by a helper container ({@link DialCheck}).
 */
final class ContainerNetwork implements ProxyTopology {
    static final String WIRE = "container-network";

    private final List<AppDial> dials;

    ContainerNetwork(List<AppDial> dials) {
        this.dials = List.copyOf(dials);
    }

    @Override
    public String wire() {
        return WIRE;
    }

    @Override
    public List<AppDial> dials() {
        return dials;
    }

    /**
     * Green is probed from Caddy's network namespace: its container must be named, and the helper
     * image here or pulled first (with {@code --no-pull} its absence is refused, exit 3).
     */
    @Override
    public List<String> requireProbe(BlueGreenInputs in, StepContext context) {
        if (in.settings().proxyContainer() == null) {
            throw RollbackException.usage("Caddy dials the app services by name (" + dials.get(0).dial() + "), so green"
                + " is probed from Caddy's network: set proxy.service (its compose service) or proxy.container in rollback.yml");
        }
        List<String> missing = List.of();
        if (in.tools().docker().imageId(in.settings().helperImage()).isEmpty()) {
            if (!in.settings().pull()) {
                throw RollbackException.refused("helper image " + in.settings().helperImage() + " is not on this host"
                    + " and --no-pull is set; pull it or set docker.helper-image to a local image with sh, wget and"
                    + " timeout (busybox, alpine) (it probes green from the proxy's network)");
            }
            context.detail("helperToPull", in.settings().helperImage());
            missing = List.of(in.settings().helperImage());
        }
        context.detail("probedFrom", "a helper container (" + in.settings().helperImage() + ") in the network of "
            + in.settings().proxyContainer());
        return missing;
    }

    @Override
    public boolean dialsGreenByAddress() {
        return true;
    }

    @Override
    public void requireServedBy(GreenComposeFile revision) {
        // green is dialed by address, on the port Caddy dials: nothing in the file decides it
    }

    /** {@code backend:80} becomes one upstream per green address of backend: {@code 10.0.9.2:80}. */
    @Override
    public ProxyRoutes greenRoutes(ProxyRoutes original, BlueGreenRun run) {
        Map<String, List<String>> byHost = new TreeMap<>();
        for (AppDial dial : dials) {
            List<String> addresses = run.greenAddresses.get(dial.service());
            if (addresses != null && !addresses.isEmpty()) {
                byHost.put(dial.host(), addresses);
            }
        }
        return original.redirect(byHost);
    }

    @Override
    public List<HealthCheck> greenDialChecks(BlueGreenInputs in, BlueGreenRun run) {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        for (AppDial dial : dials) {
            for (String address : run.greenAddresses.getOrDefault(dial.service(), List.of())) {
                add(in, checks, dial.service(), "http://" + address + ":" + dial.port());
            }
        }
        return new ArrayList<>(checks.values());
    }

    @Override
    public List<HealthCheck> primaryDialChecks(BlueGreenInputs in) {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        dials.forEach(dial -> add(in, checks, dial.service(), "http://" + dial.host() + ":" + dial.port()));
        return new ArrayList<>(checks.values());
    }

    private static void add(BlueGreenInputs in, Map<String, HealthCheck> checks, String service, String base) {
        String url = base + in.settings().healthPath();
        checks.putIfAbsent(url, new DialCheck(in.tools().networks(), in.settings().proxyContainer(),
            in.settings().helperImage(), service, url));
    }
}
