package dev.rollback.archive;

import dev.rollback.adapters.postgres.Replication;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.pitr.ArchiveLayout;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archiver itself: pg_receivewal into {@code backups.dir/wal/} through the slot, until SIGTERM or SIGINT
 * ({@code stop}). When pg_receivewal exits by itself (the server restarted, the network dropped) it is started
 * again after a {@link Backoff}, with one log line per restart. Returns normally on a stop, so the run ends
 * with exit 0, as systemd expects of a clean stop.
 */
final class ReceiveWalStep implements Step {
    private static final Logger log = LoggerFactory.getLogger(ReceiveWalStep.class);
    /** 128 + SIGTERM: pg_receivewal killed by the signal rather than leaving on it. */
    private static final int SIGTERM_EXIT = 143;
    private static final Duration SETTLE = Duration.ofMillis(500);

    /** Waits a duration unless stopped first; tests pass one that does not sleep. */
    interface Pause {
        void pause(Duration duration, BooleanSupplier stop) throws InterruptedException;
    }

    private final Supplier<Replication> replication;
    private final ArchiveLayout layout;
    private final BooleanSupplier stop;
    private final Pause pause;

    ReceiveWalStep(Supplier<Replication> replication, ArchiveLayout layout, BooleanSupplier stop, Pause pause) {
        this.replication = replication;
        this.layout = layout;
        this.stop = stop;
        this.pause = pause;
    }

    @Override
    public String id() {
        return "receive-wal";
    }

    @Override
    public String description() {
        return "stream WAL with pg_receivewal into " + layout.wal() + " until stopped (SIGTERM or Ctrl-C)";
    }

    @Override
    public void apply(StepContext context) throws InterruptedException {
        Replication server = replication.get();
        Backoff backoff = new Backoff();
        int restarts = 0;
        context.progress("archiving WAL into " + layout.wal() + " through slot " + ArchiveStatusReader.SLOT);
        while (!stop.getAsBoolean()) {
            long started = System.nanoTime();
            Replication.Exit exit = receiveOnce(server);
            if (exit.code() == 0 || exit.code() == SIGTERM_EXIT) {
                // Stopped by a signal: systemd signals the whole group, and pg_receivewal may be out before this
                // JVM has seen its own SIGTERM. Wait a moment for it rather than log a restart that never comes.
                sleep(SETTLE, stop);
            }
            if (stop.getAsBoolean()) {
                break;
            }
            Duration wait = backoff.after(Duration.ofNanos(System.nanoTime() - started));
            restarts++;
            log.warn("pg_receivewal exited (code {}{}); restart {} in {} s", exit.code(),
                exit.lastErrorLine().isEmpty() ? "" : ": " + exit.lastErrorLine(), restarts, wait.toSeconds());
            pause.pause(wait, stop);
        }
        context.detail("restarts", restarts);
        context.result("restarts", restarts).result("walDir", layout.wal().toString());
    }

    /**
     * One run of pg_receivewal. The slot is created again when missing (a restored or rebuilt server has none);
     * a server that does not answer is an exit like any other, restarted after the pause.
     */
    private Replication.Exit receiveOnce(Replication server) {
        try {
            if (server.ensureSlot(ArchiveStatusReader.SLOT)) {
                log.info("created the replication slot {}", ArchiveStatusReader.SLOT);
            }
            return server.receive(layout.wal(), ArchiveStatusReader.SLOT, stop);
        } catch (RollbackException e) {
            if (e.exitCode() == ExitCode.REFUSED || e.exitCode() == ExitCode.USAGE) {
                throw e;   // nothing a restart would change (the tools are not usable here)
            }
            return new Replication.Exit(-1, e.getMessage());
        }
    }

    /** Sleeps in short slices so a stop is seen within 200 ms. */
    static void sleep(Duration duration, BooleanSupplier stop) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (!stop.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }
}
