package dev.rollback.bluegreen;

import dev.rollback.adapters.health.AllHealthy;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The switch: every dial of an app service in the proxy's live configuration is pointed at green
 * (its containers' addresses, or its shifted published ports: {@link ProxyTopology}) and the result loaded. If the proxy does not then serve green, it goes back to blue
 * and the step fails. Undone after a later failure by settling on whichever side is healthy,
 * preferring green (the revision the operator asked for).
 */
final class SwitchToGreenStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;
    private final ProxySwitch proxySwitch;

    SwitchToGreenStep(BlueGreenInputs in, BlueGreenRun run, ProxySwitch proxySwitch) {
        this.in = in;
        this.run = run;
        this.proxySwitch = proxySwitch;
    }

    @Override
    public String id() {
        return "switch-to-green";
    }

    @Override
    public String description() {
        return "point " + in.tools().proxy().adminUrl() + " at green (POST /load of the live configuration with the"
            + " app services' dials replaced by green's addresses, or by green's shifted ports when Caddy dials"
            + " published ports), confirm through the proxy";
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) {
        long start = System.nanoTime();
        run.original = in.tools().proxy().current();
        run.greenRoutes = run.topology.greenRoutes(run.original, run);
        if (run.greenRoutes.equals(run.original)) {
            throw RollbackException.failed("the proxy's configuration no longer dials any app service; nothing to switch");
        }
        // Should this run not finish, the next one switches back to this configuration (LeftGreen).
        context.memory().remember(LeftGreen.ORIGINAL_ROUTES, run.original.json());
        long loadMs = proxySwitch.load(run.greenRoutes);
        run.serving(Side.GREEN, context);
        context.detail("dials", run.greenRoutes.dials()).detail("loadMs", loadMs).result("switchToGreenMs", loadMs);
        try {
            proxySwitch.confirm(run.greenUpstreams(), context);
        } catch (RollbackException e) {
            proxySwitch.load(run.original);
            run.serving(Side.BLUE, context);
            throw RollbackException.failed(e.getMessage() + "; the proxy routes to blue again");
        }
        run.phase(id(), start, context);
    }

    @Override
    public boolean undoable() {
        return true;
    }

    /** After a later failure: stay on green while it answers through the proxy, else back to a healthy blue. */
    @Override
    public void undo(StepContext context) {
        if (run.serving() != Side.GREEN) {
            context.skip("the proxy does not route to green");
            return;
        }
        if (proxySwitch.healthyThroughProxy()) {
            context.detail("kept", "green: it answers through the proxy");
            return;
        }
        if (!blueHealthy()) {
            context.detail("kept", "green: it does not answer through the proxy, but blue is not healthy either");
            return;
        }
        proxySwitch.load(run.original);
        run.serving(Side.BLUE, context);
        context.detail("movedTo", "blue: green did not answer through the proxy");
        if (!proxySwitch.healthyThroughProxy()) {
            throw RollbackException.failed("the proxy routes to blue again, but blue does not answer through it");
        }
        context.detail("healthyAgain", "blue answers through the proxy");
    }

    private boolean blueHealthy() {
        SideChecks primary = SideChecks.primary(in, run);
        List<HealthCheck> checks = new ArrayList<>(primary.containers());
        checks.addAll(primary.dials());
        return new AllHealthy("blue", checks).probe().healthy();
    }
}
