package dev.rollback.restore;

import dev.rollback.adapters.docker.DatabaseData;
import dev.rollback.adapters.docker.DatabaseData.ServerState;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Duration;

/**
 * Stops or starts the live database's container around the exchange of its data ({@code docker stop} gives
 * PostgreSQL its clean shutdown). Starting waits, bounded, until the server accepts connections out of recovery.
 * Each undoes the other's direction when a later step fails.
 */
final class DatabaseContainerStep implements Step {
    /** Which way. */
    enum Direction { STOP, START }

    private final DatabaseData data;
    private final PitrState state;
    private final Direction direction;
    private final Duration timeout;

    DatabaseContainerStep(DatabaseData data, PitrState state, Direction direction, Duration timeout) {
        this.data = data;
        this.state = state;
        this.direction = direction;
        this.timeout = timeout;
    }

    @Override
    public String id() {
        return direction == Direction.STOP ? "stop-database" : "start-database";
    }

    @Override
    public String description() {
        return (direction == Direction.STOP ? "stop" : "start") + " the database container " + state.container;
    }

    @Override
    public boolean destructive() {
        return direction == Direction.STOP;
    }

    @Override
    public void apply(StepContext context) throws Exception {
        if (direction == Direction.STOP) {
            stop();
        } else {
            start(context);
        }
    }

    private void stop() {
        data.stop(state.container, Duration.ofSeconds(60));
    }

    private void start(StepContext context) throws InterruptedException {
        data.start(state.container);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (data.serverState(state.container, state.user, state.database) != ServerState.PROMOTED) {
            if (System.nanoTime() > deadline) {
                throw RollbackException.failed("the database did not accept connections within " + timeout.toSeconds()
                    + " s of its start: " + RecoverStep.reason(data.logTail(state.container, 30)));
            }
            context.progress("waiting for the database to accept connections");
            Thread.sleep(300);
        }
        context.detail("readyMs", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) throws Exception {
        if (direction == Direction.STOP) {
            start(context);
        } else {
            stop();
        }
    }
}
