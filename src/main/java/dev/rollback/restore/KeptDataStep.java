package dev.rollback.restore;

import dev.rollback.adapters.docker.DatabaseData;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/**
 * {@code db-restore --undo} after a point-in-time restore: finds the volume the last restore left the replaced data
 * in (the newest labelled with the live volume's name). Refused (exit 3) when there is none.
 */
final class KeptDataStep implements Step {
    private final DatabaseData data;
    private final PitrState state;

    KeptDataStep(DatabaseData data, PitrState state) {
        this.data = data;
        this.state = state;
    }

    @Override
    public String id() {
        return "find-kept-data";
    }

    @Override
    public String description() {
        return "find the data the last point-in-time restore replaced";
    }

    @Override
    public void check(StepContext context) {
        state.live = data.inspect(state.container);
        List<String> kept = data.volumesLabelled(DatabaseData.LIVE_LABEL, state.live.volume()).stream().sorted().toList();
        if (kept.isEmpty()) {
            throw RollbackException.refused("no volume kept by a point-in-time restore of " + state.live.volume());
        }
        state.otherVolume = kept.get(kept.size() - 1);
        context.detail("keptVolume", state.otherVolume);
    }

    @Override
    public void apply(StepContext context) {
        context.result("keptOldVolume", state.otherVolume);
    }
}
