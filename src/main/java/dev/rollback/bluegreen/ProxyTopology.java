package dev.rollback.bluegreen;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.core.StepContext;
import java.util.List;

/**
 * How Caddy reaches the app services, found once in its live configuration ({@link PrimaryDials}):
 * the steps ask the topology what to rewrite and how to probe, and never compare names.
 * <ul>
 *   <li>{@link ContainerNetwork}: Caddy in a container on the stack's network dials service names;
 *       green is dialed by its container addresses and probed from Caddy's network namespace;
 *   <li>{@link HostPorts}: Caddy on the host's network (a distribution package under systemd, or a
 *       container with {@code network_mode: host}) dials the ports the app services publish; green
 *       is dialed on its shifted published ports and probed from this host.
 * </ul>
 */
interface ProxyTopology {
    /** For the plan and report: {@code container-network} or {@code host-ports}. */
    String wire();

    /** The dials of the primary's configuration that stand for app services: what the switch rewrites. */
    List<AppDial> dials();

    /**
     * What probing this topology needs before anything starts (a helper image, the proxy's
     * container); refuses (exit 3) what cannot be had.
     *
     * @return images the probe needs that are not on this host: pulled before anything else changes
     */
    List<String> requireProbe(BlueGreenInputs in, StepContext context);

    /** Whether Caddy dials green by its container addresses, which green's start then records. */
    boolean dialsGreenByAddress();

    /**
     * Refuses (exit 3) when the revision's compose file would not serve what Caddy dials: checked
     * once the green file is derived, before anything starts.
     */
    void requireServedBy(GreenComposeFile revision);

    /** The primary's configuration with every app dial pointed at green. */
    ProxyRoutes greenRoutes(ProxyRoutes original, BlueGreenRun run);

    /** Each address Caddy will dial on green, asked as Caddy will ask it. */
    List<HealthCheck> greenDialChecks(BlueGreenInputs in, BlueGreenRun run);

    /** Each address Caddy dials on the primary, asked as Caddy asks it. */
    List<HealthCheck> primaryDialChecks(BlueGreenInputs in);

    /** The upstreams Caddy lists once it dials the primary again. */
    default List<String> primaryUpstreams() {
        return dials().stream().map(AppDial::dial).distinct().toList();
    }
}
