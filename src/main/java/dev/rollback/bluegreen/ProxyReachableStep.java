package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * First, before anything starts: the proxy's admin API answers (exit 4 otherwise) and its
 * container, when one is named (Caddy may run on the host, under systemd), runs.
 */
final class ProxyReachableStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;

    ProxyReachableStep(BlueGreenInputs in, BlueGreenRun run) {
        this.in = in;
        this.run = run;
    }

    @Override
    public String id() {
        return "proxy-reachable";
    }

    @Override
    public String description() {
        return "Caddy's admin API at " + in.tools().proxy().adminUrl() + " answers"
            + (in.settings().proxyContainer() == null ? "" : "; container " + in.settings().proxyContainer() + " runs");
    }

    /** The helper image is asked for in proxy-routes, once the topology says green is probed from Caddy's network. */
    @Override
    public void check(StepContext context) {
        in.tools().proxy().requireReachable();
        in.tools().docker().ping();
        if (in.settings().proxyContainer() != null) {
            ContainerInfo proxy = in.tools().docker().container(in.settings().proxyContainer())
                .orElseThrow(() -> RollbackException.refused("proxy container " + in.settings().proxyContainer()
                    + " does not exist; set proxy.container to the Caddy container's name"));
            if (!proxy.running()) {
                throw RollbackException.refused("proxy container " + proxy.name() + " is " + proxy.state());
            }
            context.detail("container", proxy.name());
        }
        run.serving(Side.BLUE, context);
        context.detail("admin", in.tools().proxy().adminUrl());
    }

    @Override
    public void apply(StepContext context) {
        in.tools().proxy().requireReachable();
    }
}
