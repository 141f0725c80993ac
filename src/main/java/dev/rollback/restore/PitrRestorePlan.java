package dev.rollback.restore;

import dev.rollback.adapters.docker.DatabaseData;
import dev.rollback.core.Plan;
import dev.rollback.core.Step;
import dev.rollback.pitr.ArchiveLayout;
import dev.rollback.pitr.BaseBackups;
import dev.rollback.pitr.RestoreTarget;
import dev.rollback.pitr.WalArchive;
import dev.rollback.redeploy.RedeployPlan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Level 3 to a point in time ({@code db-restore --to-release | --to-mark | --to-time}): the newest base backup
 * before the target is restored into a scratch server of the live image on a new volume, WAL is replayed to the
 * target and the server promoted, level 3's checks run against it, and only then is it swapped in: the app stops,
 * the database stops, the two volumes' data directories are exchanged (renames, constant time), the database and
 * the app start, verified. The app keeps serving from live while the restore runs (the target is fixed, so what it
 * writes meanwhile changes nothing restored; it stays in the kept volume), so its downtime is the swap.
 */
public final class PitrRestorePlan {
    /** What a point-in-time restore is given. */
    public record Inputs(RestorePlan.Inputs level3, DatabaseData data, ArchiveLayout layout, long walSegmentBytes,
                         String container, String user, Duration recoveryTimeout) {
    }

    private PitrRestorePlan() {
    }

    public static Plan build(String database, Supplier<RestoreTarget> target, Inputs in) {
        PitrState state = new PitrState(in.container(), database, in.user(), RestorePlan.stamp(in.level3().tools().clock()));
        DatabaseData data = in.data();
        WalArchive archive = new WalArchive(in.layout().wal(), in.walSegmentBytes());
        Plan.Builder plan = Plan.builder("db-restore").level(3).confirmWith(database)
            .step(new PitrPointStep(target, new BaseBackups(in.layout()), archive, data, state))
            .step(new PrepareScratchStep(data, in.layout().wal(), state))
            .step(new RecoverStep(data, state, in.recoveryTimeout()))
            .step(new CheckRecoveredStep(data, in.level3().tools().postgres(), state,
                in.level3().verification().sampleQuery()));
        return swap(plan, state, in, false);
    }

    /** {@code --undo}: the data the last point-in-time restore replaced goes live again (the same exchange). */
    public static Plan undo(String database, Inputs in) {
        PitrState state = new PitrState(in.container(), database, in.user(), RestorePlan.stamp(in.level3().tools().clock()));
        Plan.Builder plan = Plan.builder("db-restore").level(3).confirmWith(database)
            .step(new KeptDataStep(in.data(), state));
        return swap(plan, state, in, true);
    }

    private static Plan swap(Plan.Builder plan, PitrState state, Inputs in, boolean undoRun) {
        RestorePlan.Inputs level3 = in.level3();
        AppDowntime downtime = new AppDowntime(level3.verification().endpoints());
        Optional<Step> stop = level3.tools().app().stop().map(step -> new MeasuredStopStep(step, downtime));
        stop.ifPresent(plan::step);
        Duration ready = level3.verification().gate().timeout();
        plan.step(new DatabaseContainerStep(in.data(), state, DatabaseContainerStep.Direction.STOP, ready))
            .step(new ExchangeDataStep(in.data(), state, undoRun))
            .step(new DatabaseContainerStep(in.data(), state, DatabaseContainerStep.Direction.START,
                ready.compareTo(Duration.ofSeconds(60)) > 0 ? ready : Duration.ofSeconds(60)));
        List<Step> start = level3.tools().app().start().stream().toList();
        if (level3.previous() != null && !undoRun) {
            // The previous release goes back while the app is stopped, so the bad one never runs on the restored data.
            plan.steps(RedeployPlan.composeSteps(level3.previous().redeploy(), level3.previous().compose(), start));
        } else {
            plan.steps(start);
        }
        var verification = level3.verification();
        return plan.step(new VerifyLiveStep(level3.tools().postgres(), verification.sampleQuery(), verification.gate(),
            verification.containers(), verification.endpoints(), downtime)).build();
    }
}
