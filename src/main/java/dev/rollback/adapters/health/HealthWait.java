package dev.rollback.adapters.health;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Probes a check until it is healthy, the time or attempts run out, or the wait is cancelled.
 *
 * <pre>{@code
 * WaitOutcome outcome = HealthWait.of(check)
 *     .timeout(Duration.ofSeconds(120)).interval(Duration.ofSeconds(1))
 *     .consecutive(3).cancelledWhen(interruption::requested)
 *     .await();
 * }</pre>
 *
 * <p>The timeout bounds when the last probe starts: a probe at the deadline still runs, and a
 * probe in flight finishes (each check bounds its own duration, e.g. the HTTP request timeout).
 * {@link #consecutive} guards against a service that answers once and then falls over again,
 * and against "container healthy" arriving a moment before the proxy routes to it.
 *
 * <p>Configure, then call {@link #await}; an instance is not meant to be shared between threads.
 */
public final class HealthWait {
    /** How often cancellation is looked at while sleeping between probes. */
    private static final long CANCEL_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final HealthCheck check;
    private Duration timeout = Duration.ofSeconds(120);
    private Duration interval = Duration.ofSeconds(1);
    private int consecutive = 1;
    private int maxAttempts = Integer.MAX_VALUE;
    private BooleanSupplier cancelled = () -> false;
    private Consumer<HealthResult> onProbe = result -> { };

    private HealthWait(HealthCheck check) {
        this.check = Objects.requireNonNull(check, "check");
    }

    public static HealthWait of(HealthCheck check) {
        return new HealthWait(check);
    }

    /**
     * The verify-style retry: probe up to {@code attempts} times, {@code interval} apart, and stop
     * at the first healthy answer. No overall timeout beyond what the attempts take.
     */
    public static WaitOutcome retries(HealthCheck check, int attempts, Duration interval) {
        return of(check).attempts(attempts).interval(interval).timeout(null).await();
    }

    /** Overall time limit; null for none (then set {@link #attempts}). Default 120 s. */
    public HealthWait timeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /** Pause between the end of one probe and the start of the next. Default 1 s. */
    public HealthWait interval(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        this.interval = interval;
        return this;
    }

    /** Healthy answers needed in a row before the wait succeeds. Default 1. */
    public HealthWait consecutive(int probes) {
        if (probes < 1) {
            throw new IllegalArgumentException("consecutive probes must be at least 1: " + probes);
        }
        this.consecutive = probes;
        return this;
    }

    /** Most probes to run. Default: unlimited (the timeout ends the wait). */
    public HealthWait attempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        this.maxAttempts = attempts;
        return this;
    }

    /** Stops the wait early when this turns true (e.g. SIGINT); thread interruption does too. */
    public HealthWait cancelledWhen(BooleanSupplier cancelled) {
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
        return this;
    }

    /** Called with every probe's result, e.g. to show progress to the operator. */
    public HealthWait onProbe(Consumer<HealthResult> listener) {
        this.onProbe = Objects.requireNonNull(listener, "listener");
        return this;
    }

    public WaitOutcome await() {
        if (timeout == null && maxAttempts == Integer.MAX_VALUE) {
            throw new IllegalStateException("a wait needs a timeout or a number of attempts");
        }
        long start = System.nanoTime();
        int attempts = 0;
        int streak = 0;
        HealthResult last = HealthResult.unhealthy(check.name(), "cancelled before the first probe");
        while (!isCancelled()) {
            last = check.probe();
            attempts++;
            onProbe.accept(last);
            streak = last.healthy() ? streak + 1 : 0;
            if (streak >= consecutive) {
                return outcome(WaitOutcome.Status.HEALTHY, last, attempts, start);
            }
            long remaining = remainingNanos(start);
            if (remaining <= 0 || attempts >= maxAttempts) {
                return outcome(WaitOutcome.Status.UNHEALTHY, last, attempts, start);
            }
            if (!pause(Math.min(interval.toNanos(), remaining))) {
                break;
            }
        }
        return outcome(WaitOutcome.Status.CANCELLED, last, attempts, start);
    }

    private long remainingNanos(long start) {
        return timeout == null ? Long.MAX_VALUE : start + timeout.toNanos() - System.nanoTime();
    }

    /** Sleeps in short slices so a cancellation is noticed quickly; false when cancelled. */
    private boolean pause(long nanos) {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            if (isCancelled()) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, CANCEL_POLL_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !isCancelled();
    }

    private boolean isCancelled() {
        return Thread.currentThread().isInterrupted() || cancelled.getAsBoolean();
    }

    private static WaitOutcome outcome(WaitOutcome.Status status, HealthResult last, int attempts, long start) {
        return new WaitOutcome(status, last, attempts, Duration.ofNanos(System.nanoTime() - start));
    }
}
