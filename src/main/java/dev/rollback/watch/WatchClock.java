package dev.rollback.watch;

import java.time.Clock;
import java.time.Instant;

/** Time as a watch needs it: a monotonic reading for its schedule, the wall clock for its report, a sleep. */
public interface WatchClock {
    long nanos();

    Instant now();

    void sleep(long nanos) throws InterruptedException;

    /** The real clock: {@link System#nanoTime}, {@code wall} for the report, {@link Thread#sleep}. */
    static WatchClock system(Clock wall) {
        return new WatchClock() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public Instant now() {
                return wall.instant();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }
}
