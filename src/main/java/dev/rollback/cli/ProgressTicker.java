package dev.rollback.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Redraws a live progress line once a second from a daemon thread, so a long step shows it is alive. */
final class ProgressTicker implements AutoCloseable {
    private static final ProgressTicker NONE = new ProgressTicker(null);

    private final ScheduledExecutorService timer;

    private ProgressTicker(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** A ticker for a live line; a no-op for plain lines (nothing to redraw) and for none. */
    static ProgressTicker start(ProgressLine line) {
        if (line == null || !line.live()) {
            return NONE;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rollback-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(line::tick, 1, 1, TimeUnit.SECONDS);
        return new ProgressTicker(timer);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
