package dev.rollback.bluegreen;

import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.core.RollbackException;
import dev.rollback.core.RunMemory;
import java.util.List;
import java.util.Optional;

/**
 * A {@code <stack>-green} project left by a run that did not finish: killed, or failed while green
 * served. This run holds the lock, so no live run owns it. Either the proxy still dials the primary
 * (by name or on its published ports: green never served, or served and was switched away from):
 * then green is only removed. Or the
 * proxy dials green: then the configuration from before that run's switch, remembered when it
 * switched (see {@link RunMemory}), is what the primary is switched back to before green goes.
 *
 * @param original null unless {@link #routed}
 */
record LeftGreen(List<String> names, boolean routed, ProxyRoutes original) {
    /** The memory key of the proxy's configuration from before the switch to green. */
    static final String ORIGINAL_ROUTES = "proxy-before-switch";

    static Optional<LeftGreen> find(BlueGreenInputs in, RunMemory memory) {
        List<String> containers = in.tools().sides().members(in.stack().greenProject());
        if (containers.isEmpty()) {
            return Optional.empty();
        }
        ProxyRoutes now = in.tools().proxy().current();
        if (PrimaryDials.find(in, now).any()) {
            return Optional.of(new LeftGreen(containers, false, null));
        }
        ProxyRoutes original = memory.peek(ORIGINAL_ROUTES).map(ProxyRoutes::parse).orElseThrow(() ->
            RollbackException.refused(in.stack().greenProject() + " exists and Caddy dials none of the app services"
                + " (it dials " + now.dials() + "), but no unfinished blue-green run recorded the configuration"
                + " from before its switch; finish by hand as docs/blue-green.md says, then run again"));
        return Optional.of(new LeftGreen(containers, true, original));
    }
}
