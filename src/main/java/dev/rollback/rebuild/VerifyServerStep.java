package dev.rollback.rebuild;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/**
 * Verify before DNS: every configured health check, sent to the restored server's IP with the
 * Host header its URL names, must pass (twice in a row, within the health timeout) before any
 * record moves. If it does not, the run fails here (exit 1) and DNS still points where it did.
 */
final class VerifyServerStep implements Step {
    private final CloudInputs in;
    private final CloudState state;

    VerifyServerStep(CloudInputs in, CloudState state) {
        this.in = in;
        this.state = state;
    }

    @Override
    public String id() {
        return "verify-server";
    }

    @Override
    public String description() {
        return "check the health endpoints on " + (state.ipAfter() == null ? "the restored server's IP" : state.ipAfter())
            + " with their own Host headers, before any DNS change";
    }

    @Override
    public void check(StepContext context) {
        if (in.checks().urls().isEmpty()) {
            throw RollbackException.usage("health.checks is empty: level 4 checks the restored server before it"
                + " points DNS at it; configure the endpoints the runbook curls (api, admin)");
        }
    }

    @Override
    public void apply(StepContext context) {
        context.detail("urls", in.checks().urls());
        List<HealthCheck> checks = in.checks().at().apply(state.ipAfter());
        WaitOutcome outcome = in.checks().gate().await(List.of(), checks, context::progress);
        context.detail("checks", checks.stream().map(Object::toString).toList()).detail("outcome", outcome.summary());
        if (!outcome.healthy()) {
            throw RollbackException.failed("the restored server " + state.ipAfter() + " did not pass the health checks"
                + " within " + in.checks().gate().timeout().toSeconds() + " s (" + outcome.last().detail() + "); DNS was not"
                + " changed");
        }
    }
}
