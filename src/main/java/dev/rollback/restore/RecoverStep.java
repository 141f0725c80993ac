package dev.rollback.restore;

import dev.rollback.adapters.docker.DatabaseData;
import dev.rollback.adapters.docker.DatabaseData.ServerState;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a scratch server of the live image on the prepared volume, without network, replaying WAL to the target
 * and promoting there; waits (bounded) until it accepts writes. A recovery that ends before the target (the
 * server exits with PostgreSQL's "recovery ended before configured recovery target was reached") fails with
 * that line.
 */
final class RecoverStep implements Step {
    private final DatabaseData data;
    private final PitrState state;
    private final Duration timeout;

    RecoverStep(DatabaseData data, PitrState state, Duration timeout) {
        this.data = data;
        this.state = state;
        this.timeout = timeout;
    }

    @Override
    public String id() {
        return "recover";
    }

    @Override
    public String description() {
        return "replay the WAL to " + (state.target != null ? state.target.what() : "the target")
            + " in a scratch server and promote it";
    }

    /** The server settings: stop at the target, promote, read WAL from pg_wal where the helper put it. */
    static List<String> settings(PitrState state) {
        List<String> settings = new ArrayList<>();
        // Archive recovery needs a restore_command; the segments are already in pg_wal, which PostgreSQL reads
        // when the command finds nothing.
        settings.add("restore_command=false");
        String[] target = state.target.recoverySetting();
        settings.add(target[0] + "=" + target[1]);
        if (state.target.lsn() != null) {
            // Stop before the first record at or after the position: a transaction that commits after the release
            // is not replayed even when it began before.
            settings.add("recovery_target_inclusive=off");
        }
        settings.add("recovery_target_action=promote");
        settings.add("archive_mode=off");
        return settings;
    }

    @Override
    public void apply(StepContext context) throws Exception {
        if (state.resumed) {
            context.skip("the unfinished run restored and swapped already");
            return;
        }
        state.scratchServer = state.live.volume() + "-pitr-" + state.stamp;
        try {
            recover(context);
        } catch (Exception e) {
            // A failed step is not undone: the server goes now, so the undo of the volume before it can remove it.
            data.removeContainer(state.scratchServer);
            throw e;
        }
    }

    private void recover(StepContext context) throws Exception {
        data.startServer(state.scratchServer, state.live, state.otherVolume, settings(state), state.labels());
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        ServerState seen = ServerState.STARTING;
        while (true) {
            seen = data.serverState(state.scratchServer, state.user, state.database);
            if (seen == ServerState.PROMOTED) {
                break;
            }
            if (seen == ServerState.EXITED) {
                throw RollbackException.failed("the scratch server stopped before reaching " + state.target.what() + ": "
                    + reason(data.logTail(state.scratchServer, 100)));
            }
            if (System.nanoTime() > deadline) {
                throw RollbackException.failed("recovery did not reach " + state.target.what() + " within "
                    + timeout.toMinutes() + " min (last state: " + seen.name().toLowerCase() + ")");
            }
            context.progress("replaying WAL to " + state.target.what() + " (" + seen.name().toLowerCase() + ")");
            Thread.sleep(500);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        context.detail("server", state.scratchServer).detail("recoveryMs", millis).result("recoveryMs", millis);
        data.logTail(state.scratchServer, 60).stream().filter(line -> line.contains("recovery stopping")).findFirst()
            .ifPresent(line -> context.detail("stoppedAt", line.substring(line.indexOf("recovery stopping"))));
    }

    /**
     * The server's own FATAL line, or its last line. Connections refused while it starts or stops ("the database
     * system is starting up", "... in recovery mode") log FATAL too: those are the polling's, not the reason.
     */
    static String reason(List<String> logs) {
        return logs.stream().filter(line -> line.contains("FATAL") && !line.contains("the database system is"))
            .reduce((first, second) -> second)
            .or(() -> logs.stream().reduce((first, second) -> second)).orElse("no log").strip();
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        if (state.scratchServer != null) {
            data.removeContainer(state.scratchServer);
        }
    }
}
