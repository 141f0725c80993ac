package dev.rollback.restore;

import dev.rollback.adapters.docker.DatabaseData;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Duration;

/**
 * The swap: the live volume's data directory and the restore volume's are exchanged by renames on the daemon's
 * volume directory (constant time, whatever the size), with the database stopped. The live volume then holds the
 * restored data and the compose file needs no change; the restore volume holds the replaced data, kept for
 * {@code --undo}, which is the same exchange again. Nothing is deleted, so the old data survives any failure here.
 */
final class ExchangeDataStep implements Step {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final DatabaseData data;
    private final PitrState state;
    private final boolean undoRun;

    ExchangeDataStep(DatabaseData data, PitrState state, boolean undoRun) {
        this.data = data;
        this.state = state;
        this.undoRun = undoRun;
    }

    @Override
    public String id() {
        return "swap-data";
    }

    @Override
    public String description() {
        String other = state.otherVolume != null ? state.otherVolume : "the restore's volume";
        return undoRun
            ? "put the data kept in " + other + " back into the live volume; the data it replaces goes to " + other
            : "swap the restored data into the live volume" + (state.live != null ? " " + state.live.volume() : "")
                + ": changes made after " + (state.target != null ? state.target.what() : "the target")
                + " leave the live database; the current data is kept in " + other;
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) {
        if (state.resumed) {
            context.skip("the unfinished run swapped already; the data it replaced is in " + state.otherVolume);
            context.result("keptOldVolume", state.otherVolume);
            return;
        }
        state.exchangeStarted = true;
        long started = System.nanoTime();
        exchange();
        if (!undoRun) {
            // A rerun after a kill from here on must not restore and swap again: the replaced data would then end
            // up behind a second restore's. It finishes this run instead (PitrPointStep).
            context.memory().remember(PitrState.SWAPPED_WITH, state.otherVolume);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        context.detail("exchangeMs", millis).result("keptOldVolume", state.otherVolume)
            .result("swapMs", millis);
    }

    private void exchange() {
        try {
            data.exchange(state.live, state.otherVolume, TIMEOUT);
        } catch (RollbackException first) {
            // The exchange only moves forward: a second run completes one that was cut off midway.
            try {
                data.exchange(state.live, state.otherVolume, TIMEOUT);
            } catch (RollbackException second) {
                throw RollbackException.failed("the exchange of " + state.live.volume() + " and " + state.otherVolume
                    + " failed: " + first.getMessage() + "; no data was deleted: the old data is in "
                    + state.live.volumeRoot() + "/" + state.live.volume() + "/_data(.exchange) or "
                    + state.otherVolume);
            }
        }
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        exchange();
        context.detail("restoredLive", state.live.volume());
    }
}
