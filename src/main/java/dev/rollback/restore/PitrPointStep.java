package dev.rollback.restore;

import dev.rollback.adapters.docker.DatabaseData;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.pitr.BaseBackup;
import dev.rollback.pitr.BaseBackups;
import dev.rollback.pitr.Lsn;
import dev.rollback.pitr.RestoreTarget;
import dev.rollback.pitr.WalArchive;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Decides what a point-in-time restore replays, before anything is touched: the target (a release's or a mark's WAL
 * point, or a time), the newest base backup that ends before it, and that the WAL archive holds every segment from
 * that backup's start to the target (the newest may be the {@code .partial} being written). Refuses (exit 3) naming
 * the gap, and when the live database's data is not in a volume this tool can exchange.
 */
final class PitrPointStep implements Step {
    private final Supplier<RestoreTarget> target;
    private final BaseBackups backups;
    private final WalArchive archive;
    private final DatabaseData data;
    private final PitrState state;

    PitrPointStep(Supplier<RestoreTarget> target, BaseBackups backups, WalArchive archive, DatabaseData data,
                  PitrState state) {
        this.target = target;
        this.backups = backups;
        this.archive = archive;
        this.data = data;
        this.state = state;
    }

    @Override
    public String id() {
        return "choose-point";
    }

    @Override
    public String description() {
        return "choose the base backup and the WAL that reach "
            + (state.target != null ? state.target.what() : "the target");
    }

    @Override
    public void check(StepContext context) {
        var unfinished = context.memory().peek(PitrState.SWAPPED_WITH);
        if (unfinished.isPresent()) {
            state.live = data.inspect(state.container);
            if (data.volumesLabelled(DatabaseData.LIVE_LABEL, state.live.volume()).contains(unfinished.get())) {
                resume(context, unfinished.get());
                return;
            }
        }
        RestoreTarget to = target.get();
        state.target = to;
        BaseBackup base = (to.lsn() != null ? backups.newestEndingBy(to.lsn()) : backups.newestFinishedBy(to.time()))
            .orElseThrow(() -> RollbackException.refused("no base backup in " + archive.dir().getParent().resolve("base")
                + " ends before " + to.what() + "; take one with rollback backup --base (it covers later targets only)"));
        state.base = base;
        Lsn end = to.lsn() != null ? to.lsn() : archive.newestSegmentStart(base.timeline()).orElse(base.end());
        if (end.compareTo(base.end()) < 0) {
            end = base.end();
        }
        WalArchive.Coverage coverage = archive.cover(base.timeline(), base.start(), end);
        if (!coverage.complete()) {
            throw RollbackException.refused("the WAL archive " + archive.dir() + " does not cover " + to.what()
                + " from base backup " + base.name() + ": missing " + gap(coverage) + " (is rollback archive running?)");
        }
        if (to.time() != null) {
            Instant reaches = archive.lastWritten().orElse(Instant.EPOCH);
            if (reaches.isBefore(to.time())) {
                throw RollbackException.refused("the WAL archive " + archive.dir() + " was last written at " + reaches
                    + ", before " + to.what() + "; it does not reach that time");
            }
        }
        state.coverage = coverage;
        state.live = data.inspect(state.container);
        String unsupported = data.unsupportedReason(state.live.volume());
        if (unsupported != null) {
            throw RollbackException.refused(unsupported + "; use db-restore --backup (a dump) instead");
        }
        // Kept by earlier restores (the replaced data of each, or what a killed run had prepared): named, never removed.
        java.util.List<String> kept = data.volumesLabelled(DatabaseData.LIVE_LABEL, state.live.volume());
        if (!kept.isEmpty()) {
            context.detail("keptByEarlierRestores", kept);
        }
        context.detail("target", to.what()).detail("baseBackup", base.name())
            .detail("walSegments", coverage.segments().size())
            .detail("partialSegment", coverage.partial() == null ? "none" : coverage.partial())
            .detail("liveVolume", state.live.volume());
    }

    /** The unfinished run swapped already: nothing is restored again, the data it replaced stays where it is. */
    private void resume(StepContext context, String kept) {
        context.memory().recall(PitrState.SWAPPED_WITH, "its restored data is live; the data it replaced is in");
        state.resumed = true;
        state.exchangeStarted = true;
        state.otherVolume = kept;
        try {
            state.target = target.get();   // for the descriptions only
        } catch (RollbackException e) {
            state.target = null;
        }
        context.detail("resumed", true).detail("keptOldVolume", kept).detail("liveVolume", state.live.volume());
    }

    private static String gap(WalArchive.Coverage coverage) {
        var missing = coverage.missing();
        return missing.size() == 1 ? "segment " + missing.get(0)
            : missing.size() + " segments, " + missing.get(0) + " to " + missing.get(missing.size() - 1);
    }

    @Override
    public void apply(StepContext context) {
        if (state.resumed) {
            context.result("resumedUnfinishedRun", true).result("keptOldVolume", state.otherVolume)
                .result("liveVolume", state.live.volume());
            return;
        }
        // Scratch servers and helpers live only during a run: one still here was left by a killed run.
        java.util.List<String> stale = data.containersLabelled(DatabaseData.LIVE_LABEL, state.live.volume());
        stale.forEach(data::removeLeftover);
        if (!stale.isEmpty()) {
            context.detail("removedScratchServersOfEarlierRuns", stale);
        }
        context.result("target", state.target.what())
            .result("targetLsn", state.target.lsn() == null ? null : state.target.lsn().toString())
            .result("targetTime", state.target.time() == null ? null : state.target.time().toString())
            .result("baseBackup", state.base.name())
            .result("walSegments", state.coverage.segments().size())
            .result("liveVolume", state.live.volume());
        if (state.target.at() != null) {
            context.result("dataLostAfter", state.target.at().toString());
        }
    }
}
