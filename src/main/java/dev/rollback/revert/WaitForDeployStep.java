package dev.rollback.revert;

import dev.rollback.adapters.health.VersionEndpoint;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.core.config.DurationText;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Follows the auto-deploy the push triggered: polls {@code git.version-url} until the deployed
 * commit it answers is the revert commit. A timeout fails the run (exit 1) with what was seen.
 */
final class WaitForDeployStep implements Step {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final VersionEndpoint endpoint;
    private final Duration timeout;
    private final RevertState state;
    private final BooleanSupplier cancelled;

    WaitForDeployStep(VersionEndpoint endpoint, Duration timeout, RevertState state, BooleanSupplier cancelled) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.state = state;
        this.cancelled = cancelled;
    }

    @Override
    public String id() {
        return "wait-deploy";
    }

    @Override
    public String description() {
        return "wait up to " + DurationText.format(timeout) + " until " + endpoint.url() + " reports the revert commit";
    }

    @Override
    public void apply(StepContext context) throws InterruptedException {
        String revert = state.outcome.commit();
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = null;
        while (System.nanoTime() < deadline && !cancelled.getAsBoolean()) {
            String now = endpoint.read();
            if (!now.equals(seen)) {
                context.progress("    deployed version: " + now);
                seen = now;
            }
            if (!now.isBlank() && (now.contains(revert) || now.contains(revert.substring(0, 12)))) {
                long ms = (System.nanoTime() - state.pushedNanos) / 1_000_000;
                context.detail("deployed", now).result("deployedAfterMs", ms);
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw RollbackException.failed("the revert " + revert.substring(0, 12) + " was pushed but not deployed within "
            + DurationText.format(timeout) + "; " + endpoint.url() + " last answered: " + (seen == null ? "nothing" : seen));
    }
}
