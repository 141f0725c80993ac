package dev.rollback.restore;

import dev.rollback.adapters.docker.DatabaseData;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Duration;

/**
 * A new volume, labelled with the live volume it is for, filled with the base backup and the WAL segments the
 * recovery replays (copied by a root helper: the archive is owner-only for the tool's user, the server runs as the
 * image's postgres user). Removed again when a later step fails before the swap.
 */
final class PrepareScratchStep implements Step {
    private static final Duration TIMEOUT = Duration.ofHours(2);

    private final DatabaseData data;
    private final java.nio.file.Path walDir;
    private final PitrState state;

    PrepareScratchStep(DatabaseData data, java.nio.file.Path walDir, PitrState state) {
        this.data = data;
        this.walDir = walDir;
        this.state = state;
    }

    @Override
    public String id() {
        return "prepare-scratch";
    }

    @Override
    public String description() {
        return "create volume " + volumeName() + " and fill it with the base backup and the WAL to replay";
    }

    private String volumeName() {
        return (state.live != null ? state.live.volume() : "<live volume>") + "_pitr_" + state.stamp;
    }

    @Override
    public void apply(StepContext context) {
        if (state.resumed) {
            context.skip("the unfinished run restored and swapped already");
            return;
        }
        state.otherVolume = volumeName();
        data.createVolume(state.otherVolume, state.labels());
        var complete = state.coverage.segments().stream().filter(seg -> !seg.equals(state.coverage.partial())).toList();
        context.progress("extracting base backup " + state.base.name() + " and " + state.coverage.segments().size()
            + " WAL segments into " + state.otherVolume);
        data.prepare(state.live, state.otherVolume, state.base.dir(), walDir, complete, state.coverage.partial(), TIMEOUT);
        context.detail("volume", state.otherVolume).result("restoreVolume", state.otherVolume);
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        if (!state.exchangeStarted && state.otherVolume != null) {
            data.removeVolume(state.otherVolume);
            context.detail("removedVolume", state.otherVolume);
        }
    }
}
