package dev.rollback.rebuild;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DurationText;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Follows something slow at DigitalOcean (an action, a droplet being created) until it is done,
 * with a progress line per poll, a deadline and Ctrl-C. What it follows keeps going at DigitalOcean
 * when this gives up, and the messages say so.
 */
final class Poller {
    private final Duration interval;
    private final Duration timeout;
    private final BooleanSupplier cancelled;

    Poller(Duration interval, Duration timeout, BooleanSupplier cancelled) {
        this.interval = interval;
        this.timeout = timeout;
        this.cancelled = cancelled;
    }

    /**
     * @param what  "rebuild of droplet 123 (action 456)", for messages
     * @param state the state to show, e.g. the action's status
     */
    <T> T until(String what, T first, Supplier<T> next, Predicate<T> done, Function<T, String> state,
                Consumer<String> progress) throws InterruptedException {
        long start = System.nanoTime();
        T current = first;
        while (!done.test(current)) {
            long elapsed = System.nanoTime() - start;
            progress.accept("    " + what + ": " + state.apply(current) + " (" + elapsed / 1_000_000_000 + " s)");
            if (elapsed > timeout.toNanos()) {
                throw RollbackException.failed(what + " is still " + state.apply(current) + " after "
                    + DurationText.format(timeout) + "; it goes on at DigitalOcean: follow it in the control panel,"
                    + " then run the remaining steps by hand (docs/infra-rebuild.md)");
            }
            if (cancelled.getAsBoolean()) {
                throw new RollbackException(ExitCode.INTERRUPTED, "interrupted while following " + what
                    + "; it goes on at DigitalOcean");
            }
            Thread.sleep(interval.toMillis());
            current = next.get();
        }
        return current;
    }
}
