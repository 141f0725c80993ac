package dev.rollback.watch;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthResult;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.GateChecks;
import dev.rollback.gate.ProbeRound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Watches a deploy: the checks a health gate waits for (Docker's view of every service, the HTTP
 * checks) probed in rounds for the window, each round all at once ({@link ProbeRound}, the gate's
 * own). Healthy to the end: the step succeeds. {@code failures} failed rounds in a row: it fails
 * (exit 1) with the failing checks, and the command runs the rollback. Ctrl-C: exit 130, nothing
 * changed. The step itself never changes the stack.
 */
public final class WatchStep implements Step {
    /**
     * How long one probe may take before it counts as failed, unless the interval is longer: an HTTP
     * check's own timeout and an Engine read (30 s) are cut here, so one stalled probe cannot stretch
     * a round far past the interval.
     */
    static final Duration PROBE_BOUND = Duration.ofSeconds(10);

    private final WatchWindow window;
    private final Supplier<GateChecks> checks;
    private final WatchClock clock;
    private final BooleanSupplier cancelled;
    private final String onBad;
    private List<HealthCheck> watched = List.of();

    /** @param onBad what runs when the deploy is judged bad ({@code rollback redeploy}), for the report */
    public WatchStep(WatchWindow window, Supplier<GateChecks> checks, WatchClock clock, BooleanSupplier cancelled,
                     String onBad) {
        this.onBad = onBad;
        this.window = window;
        this.checks = checks;
        this.clock = clock;
        this.cancelled = cancelled;
    }

    @Override
    public String id() {
        return "watch";
    }

    @Override
    public String description() {
        return "probe the services' health and the HTTP checks " + window.describe();
    }

    @Override
    public void check(StepContext context) {
        GateChecks found = checks.get();
        List<HealthCheck> all = new ArrayList<>(found.containers());
        all.addAll(found.endpoints());
        if (all.isEmpty()) {
            throw RollbackException.refused("nothing to watch: the stack runs no service and health.checks is empty");
        }
        watched = all;
        context.detail("checks", all.stream().map(HealthCheck::name).toList())
            .detail("for", window.window().toMillis() / 1000.0 + " s")
            .detail("interval", window.interval().toMillis() / 1000.0 + " s")
            .detail("failures", window.failures())
            .detail("onBadDeploy", onBad + ", then rollback verify");
    }

    @Override
    public void apply(StepContext context) {
        HealthWatch.Outcome outcome = new HealthWatch(window, this::probeRound, clock, cancelled).run(context::progress);
        WatchResult result = WatchResult.of(outcome);
        context.result(result);
        context.detail("verdict", result.verdict()).detail("rounds", result.rounds());
        switch (outcome.verdict()) {
            case INTERRUPTED -> throw new RollbackException(ExitCode.INTERRUPTED,
                "interrupted while watching, after " + outcome.rounds() + " rounds; nothing was rolled back");
            case BAD -> {
                FailedRound last = result.failedRounds().get(result.failedRounds().size() - 1);
                throw RollbackException.failed("the deploy was judged bad: " + window.failures() + " failed round"
                    + (window.failures() == 1 ? "" : "s") + " in a row (last at " + last.at() + ": "
                    + String.join("; ", last.failing()) + ")");
            }
            case HEALTHY -> context.progress("    healthy for the whole window (" + outcome.rounds() + " rounds)");
        }
    }

    private List<HealthResult> probeRound() {
        Duration bound = window.interval().compareTo(PROBE_BOUND) > 0 ? window.interval() : PROBE_BOUND;
        try (ProbeRound round = new ProbeRound("watch", watched, System.nanoTime() + bound.toNanos(), cancelled)) {
            return round.probeEach();
        }
    }
}
