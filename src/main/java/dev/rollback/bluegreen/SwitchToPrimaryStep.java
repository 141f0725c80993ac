package dev.rollback.bluegreen;

import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the proxy's original configuration again (what the user's Caddyfile produces), which
 * dials the app services by name or on their original published ports: the primary project, now
 * on the target revision. If the proxy
 * does not then serve, it goes back to green and the step fails.
 */
final class SwitchToPrimaryStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;
    private final ProxySwitch proxySwitch;

    SwitchToPrimaryStep(BlueGreenInputs in, BlueGreenRun run, ProxySwitch proxySwitch) {
        this.in = in;
        this.run = run;
        this.proxySwitch = proxySwitch;
    }

    @Override
    public String id() {
        return "switch-to-primary";
    }

    @Override
    public String description() {
        return "point " + in.tools().proxy().adminUrl() + " back at the primary project (POST /load of the original"
            + " configuration), confirm through the proxy";
    }

    @Override
    public void apply(StepContext context) {
        long start = System.nanoTime();
        long loadMs = proxySwitch.load(run.original);
        run.serving(Side.PRIMARY, context);
        context.detail("dials", run.original.dials()).detail("loadMs", loadMs).result("switchToPrimaryMs", loadMs);
        try {
            proxySwitch.confirm(run.primaryUpstreams(), context);
        } catch (RollbackException e) {
            proxySwitch.load(run.greenRoutes);
            run.serving(Side.GREEN, context);
            throw RollbackException.failed(e.getMessage() + "; pointed the proxy back at green (result.serving says where it ended)");
        }
        run.phase(id(), start, context);
    }
}
