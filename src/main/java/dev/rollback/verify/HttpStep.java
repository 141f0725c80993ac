package dev.rollback.verify;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthWait;
import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Duration;

/** Post-rollback verification, check 4: the application responds ({@code curl -s http://localhost:<port>/health}). */
final class HttpStep implements Step {
    private final HealthCheck check;
    private final String target;
    private final int attempts;
    private final Duration interval;

    HttpStep(HealthCheck check, String target, int attempts, Duration interval) {
        this.check = check;
        this.target = target;
        this.attempts = attempts;
        this.interval = interval;
    }

    @Override
    public String id() {
        return check.name();
    }

    @Override
    public String description() {
        return target + " answers as expected";
    }

    @Override
    public boolean haltsOnFailure() {
        return false;
    }

    @Override
    public void apply(StepContext context) {
        WaitOutcome outcome = HealthWait.retries(check, attempts, interval);
        context.detail("result", outcome.last().detail()).detail("attempts", outcome.attempts());
        if (!outcome.healthy()) {
            throw RollbackException.failed(target + ": " + outcome.last().detail()
                + " (after " + outcome.attempts() + " attempts)");
        }
    }
}
