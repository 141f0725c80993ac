package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.images.MissingImages;
import java.util.List;

/**
 * First, before anything starts: the proxy's admin API answers (exit 4 otherwise), its container
 * runs, and the helper image that probes from inside the proxy's network is here, or is pulled
 * first thing (with {@code --no-pull} its absence is a refusal, exit 3, before anything changed).
 */
final class ProxyReachableStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;
    private final MissingImages images;
    private List<String> helperToPull = List.of();

    ProxyReachableStep(BlueGreenInputs in, BlueGreenRun run) {
        this.in = in;
        this.run = run;
        this.images = new MissingImages(in.tools().docker(), in.settings().pull());
    }

    @Override
    public String id() {
        return "proxy-reachable";
    }

    @Override
    public String description() {
        return "Caddy's admin API at " + in.tools().proxy().adminUrl() + " answers; container "
            + in.settings().proxyContainer() + " runs" + (helperToPull.isEmpty() ? ""
            : "; pull the helper image " + in.settings().helperImage());
    }

    @Override
    public void check(StepContext context) {
        in.tools().proxy().requireReachable();
        in.tools().docker().ping();
        ContainerInfo proxy = in.tools().docker().container(in.settings().proxyContainer())
            .orElseThrow(() -> RollbackException.refused("proxy container " + in.settings().proxyContainer()
                + " does not exist; set proxy.container to the Caddy container's name"));
        if (!proxy.running()) {
            throw RollbackException.refused("proxy container " + proxy.name() + " is " + proxy.state());
        }
        helperToPull = images.of(List.of(in.settings().helperImage()));
        if (!helperToPull.isEmpty()) {
            if (!images.pulling()) {
                throw RollbackException.refused("helper image " + in.settings().helperImage() + " is not on this host"
                    + " and --no-pull is set; pull it or set docker.helper-image to a local image with sh, wget and"
                    + " timeout (busybox, alpine) (it probes green from the proxy's network)");
            }
            context.detail("helperToPull", in.settings().helperImage());
        }
        run.serving(Side.BLUE, context);
        context.detail("admin", in.tools().proxy().adminUrl()).detail("container", proxy.name());
    }

    @Override
    public void apply(StepContext context) {
        in.tools().proxy().requireReachable();
        images.pull(helperToPull, context);
    }
}
