package dev.rollback.bluegreen;

import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.HealthGate;
import java.util.function.Supplier;

/** Waits, within the health timeout, until a side passes its {@link SideChecks} (twice in a row). */
final class AwaitSideStep implements Step {
    private final String id;
    private final String side;
    private final HealthGate gate;
    private final Supplier<SideChecks> checks;
    private final BlueGreenRun run;

    AwaitSideStep(String id, String side, HealthGate gate, Supplier<SideChecks> checks, BlueGreenRun run) {
        this.id = id;
        this.side = side;
        this.gate = gate;
        this.checks = checks;
        this.run = run;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "wait up to " + gate.timeout().toSeconds() + " s until " + side + " is healthy: containers, health path"
            + " on its published ports, and " + DialCheck.REQUESTS + " answers in a row at each address the proxy will dial";
    }

    @Override
    public void apply(StepContext context) {
        long start = System.nanoTime();
        SideChecks side = checks.get();
        WaitOutcome outcome = gate.await(side.containers(), side.endpoints(), context::progress);
        run.phase(id, start, context);
        context.detail("checks", side.endpoints().stream().map(Object::toString).toList())
            .detail("outcome", outcome.summary());
        if (outcome.status() == WaitOutcome.Status.CANCELLED) {
            throw new RollbackException(ExitCode.INTERRUPTED, "interrupted while waiting for "
                + this.side + " to become healthy");
        }
        if (!outcome.healthy()) {
            throw RollbackException.failed(this.side + " did not become healthy within " + gate.timeout().toSeconds()
                + " s: " + outcome.last().detail());
        }
    }
}
