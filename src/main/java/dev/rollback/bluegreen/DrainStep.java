package dev.rollback.bluegreen;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.core.config.DurationText;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits while the side the proxy just left finishes the requests it already had: Caddy hands new
 * requests to the new configuration at once, and old connections end on the old one.
 */
final class DrainStep implements Step {
    private static final long SLICE_MS = 100;

    private final String id;
    private final String side;
    private final Duration drain;
    private final BooleanSupplier cancelled;

    DrainStep(String id, String side, Duration drain, BooleanSupplier cancelled) {
        this.id = id;
        this.side = side;
        this.drain = drain;
        this.cancelled = cancelled;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "wait " + DurationText.format(drain) + " while " + side
            + " finishes the requests it already has";
    }

    @Override
    public void apply(StepContext context) throws InterruptedException {
        long until = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < until && !cancelled.getAsBoolean()) {
            Thread.sleep(Math.min(SLICE_MS, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }
}
