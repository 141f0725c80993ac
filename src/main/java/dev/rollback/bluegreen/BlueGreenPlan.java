package dev.rollback.bluegreen;

import dev.rollback.core.Plan;
import dev.rollback.core.Step;
import dev.rollback.gate.GatePolicy;
import dev.rollback.gate.HealthGate;
import dev.rollback.gate.HealthGateStep;
import dev.rollback.workdir.CheckoutFilesStep;
import dev.rollback.workdir.SnapshotFilesStep;
import java.util.List;
import java.util.function.Supplier;

/**
 * The blue-green strategy (docs/runbook/strategies.md): start the revision as
 * {@code <stack>-green} on shifted ports, verify it as the proxy will reach it, switch Caddy to
 * it, drain and stop blue, make the revision the
 * primary again on the original ports, switch back, remove green. See docs/blue-green.md.
 *
 * <p>Failure semantics: before the switch, green is removed and blue keeps serving. After it, the
 * proxy stays on (or returns to) whichever side is healthy, preferring green, and green is removed
 * only when the proxy does not route to it; the report's {@code serving} says which side serves.
 * A green left by a run that did not finish is taken over first ({@link TakeOverGreenStep}).
 *
 * <p>The platform differs only in how the sides are read, green started and removed, and the
 * primary updated ({@link SidePlatform}): where green is a stack of its own (Swarm), blue is not
 * stopped on its own; deploying the revision's stack files replaces its tasks ({@link DeployPrimaryStep}).
 */
public final class BlueGreenPlan {
    private BlueGreenPlan() {
    }

    public static Plan build(BlueGreenInputs in) {
        return build(in, List.of());
    }

    /**
     * @param volumeBackups steps that archive the stack's volumes before green starts: green shares
     *                      them with blue, and the revision may change what is in them
     */
    public static Plan build(BlueGreenInputs in, List<Step> volumeBackups) {
        BlueGreenRun run = new BlueGreenRun();
        GreenStack green = new GreenStack(in, run);
        ProxySwitch proxySwitch = new ProxySwitch(in.tools().proxy(), in.tools().proxyChecks(), in.tools().gate());
        boolean ownStack = in.tools().sides().greenIsOwnStack();
        return Plan.builder("blue-green")
            .step(new ProxyReachableStep(in, run))
            .step(new RevisionStep(in, run))
            .step(new BlueRunningStep(in, run))
            .step(new ProxyRoutesStep(in, run))
            .step(new TakeOverGreenStep(in, run, green))
            .step(new GreenFileStep(in, run))
            .step(new GreenImagesStep(in, run, green))
            .steps(volumeBackups)
            .step(new UnlessGreenServes(new StartGreenStep(run, green), in, run))
            .step(new UnlessGreenServes(awaitSide("await-green", "green", () -> SideChecks.green(in, run), in, run),
                in, run))
            .step(new UnlessGreenServes(new SwitchToGreenStep(in, run, proxySwitch), in, run))
            .step(new UnlessGreenServes(new DrainStep("drain-blue", "blue", in.settings().drain(), in.tools().cancelled()),
                in, run))
            .steps(ownStack ? List.of() : List.of(new UnlessGreenServes(ComposeStep.stopBlue(in, run), in, run)))
            .step(new SnapshotFilesStep(in.stack().files(), in.tools().backups(), in.stack().name(), () -> imageLines(in)))
            .step(new CheckoutFilesStep(in.stack().git(), in.stack().files(), () -> run.rollbackTarget.revision()))
            .step(new ReleaseImagesStep(in, run))
            .step(ownStack ? new DeployPrimaryStep(in, run) : ComposeStep.startPrimary(in, run))
            .step(awaitSide("await-primary", "the primary project", () -> SideChecks.primary(in, run), in, run))
            .step(new SwitchToPrimaryStep(in, run, proxySwitch))
            .step(new DrainStep("drain-green", "green", in.settings().drain(), in.tools().cancelled()))
            .step(new RemoveGreenStep(run, green))
            .build();
    }

    /** Waits, within the health timeout, until a side passes its {@link SideChecks} (twice in a row). */
    private static Step awaitSide(String id, String side, Supplier<SideChecks> checks, BlueGreenInputs in,
                                  BlueGreenRun run) {
        HealthGate gate = in.tools().gate();
        return new HealthGateStep(gate, GatePolicy.side(id, side, "containers, health path on its published ports, and "
            + DialCheck.REQUESTS + " answers in a row at each address the proxy will dial", gate.timeout(),
            () -> checks.get().gateChecks()), run.timedGate(id));
    }

    /** What blue ran, for the configuration backup: "service image imageId" per service. */
    private static List<String> imageLines(BlueGreenInputs in) {
        return in.tools().sides().side(in.stack().name()).services().values().stream()
            .map(s -> s.name() + " " + s.image() + " " + s.imageId()).toList();
    }
}
