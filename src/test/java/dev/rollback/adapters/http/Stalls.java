package dev.rollback.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What every stalled-socket test asserts: the call gives up within its bound (plus a margin for a
 * loaded machine), as exit 4 with one line. An unbounded call (the code before issue 13) hangs; it
 * is cut off after a minute and fails the test instead of hanging the build.
 */
public final class Stalls {
    /** Scheduling slack on a loaded, shared machine; the bounds under test are 1-2 s. */
    public static final Duration MARGIN = Duration.ofSeconds(3);
    private static final Duration HANG = Duration.ofSeconds(60);

    static {
        // Not a method of this class: a thread running code of a class still being initialised waits for it.
        StallingServer.warmUp();
    }

    private Stalls() {
    }

    /** Runs {@code call}, which must fail with exit 4 within {@code bound}; answers its one line. */
    public static String unreachableWithin(Duration bound, Runnable call) {
        long start = System.nanoTime();
        RollbackException failure = assertTimeoutPreemptively(HANG, () -> {
            try {
                call.run();
            } catch (RollbackException e) {
                return e;
            }
            return fail("the call returned instead of failing on a stalled socket");
        }, "the call did not give up on a stalled socket");
        assertElapsed(start, bound);
        assertThat(failure.exitCode()).as(failure.getMessage()).isEqualTo(4);
        assertThat(failure.getMessage()).doesNotContain("\n");
        return failure.getMessage();
    }

    /** Runs {@code call}, which must return within {@code bound} (a probe that reports, not throws). */
    public static <T> T returnsWithin(Duration bound, Supplier<T> call) {
        long start = System.nanoTime();
        T answer = assertTimeoutPreemptively(HANG, call::get, "the call did not give up on a stalled socket");
        assertElapsed(start, bound);
        return answer;
    }

    private static void assertElapsed(long start, Duration bound) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("time to give up").isLessThan(bound.plus(MARGIN));
    }
}
