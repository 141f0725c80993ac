package dev.rollback.restore;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.backup.BackupFile;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.DumpInspector;
import dev.rollback.backup.Inspection;
import dev.rollback.backup.StreamedDumpCheck;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * First of all, before anything else: the backup exists and is complete, and the database answers.
 * A truncated or unreadable dump is refused here, with nothing touched.
 *
 * <p>How much is read here depends on where the dump goes. With {@code --in-place} the live
 * database is dropped before the restore, so the dump is read to its end first. Into a scratch
 * database, only the cheap checks run here (the completion marker at the end, a gzip header, an
 * archive's table of contents) and the rest happens on the way in: a plain dump through
 * {@link StreamedDumpCheck}, an archive by pg_restore, which fails on truncated data. A bad dump
 * then costs the scratch copy, never the live database, and a good one is read once, not twice.
 */
final class VerifyBackupStep implements Step {
    private final String wanted;
    private final BackupStore store;
    private final DumpInspector inspector;
    private final Postgres postgres;
    private final RestoreState state;
    private final Clock clock;

    VerifyBackupStep(String wanted, BackupStore store, DumpInspector inspector, Postgres postgres, RestoreState state,
                     Clock clock) {
        this.wanted = wanted;
        this.store = store;
        this.inspector = inspector;
        this.postgres = postgres;
        this.state = state;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "verify-backup";
    }

    @Override
    public String description() {
        return "check that backup " + (state.backup != null ? state.backup.getFileName() : wanted)
            + " is complete and readable" + (state.inPlace ? "" : " (read in full as it is restored into scratch)");
    }

    @Override
    public void check(StepContext context) {
        state.backup = BackupChoice.resolve(wanted, store, inspector, state.live);
        try {
            state.inspection = state.inPlace ? inspector.deep(state.backup) : inspector.beforeStreaming(state.backup);
        } catch (IOException e) {
            throw RollbackException.refused("cannot read backup " + state.backup + ": " + e.getMessage());
        }
        if (state.inspection.hostile()) {
            throw RollbackException.refused(state.inspection.problem());
        }
        if (!state.inspection.complete()) {
            throw RollbackException.refused("backup " + state.backup + " cannot be restored: "
                + state.inspection.problem() + "; nothing was changed");
        }
        postgres.ping();
        if (!state.inspection.format().archive()) {
            postgres.requireRestrictedPsql();
            if (!state.inPlace) {
                state.streamedCheck = inspector.streamedCheck(state.backup, state.inspection.format());
            }
        }
        BackupStore.parse(state.backup).map(BackupFile::takenAt).ifPresent(taken -> {
            Duration age = Duration.between(taken, LocalDateTime.now(clock.withZone(ZoneId.systemDefault())));
            state.backupTakenAt = taken.toString().replace('T', ' ') + ", " + humanAge(age) + " ago";
        });
        context.detail("backup", state.backup.toString()).detail("format", state.inspection.format().wire())
            .detail("taken", state.backupTakenAt).detail("tables", state.inspection.tables().size())
            .detail("tools", postgres.toolsLocation())
            .detail("readBeforeRestore", state.inPlace ? "whole dump" : "cheap check only (" + cheapCheck() + ")");
        describeScript(context, state.inspection);
    }

    @Override
    public void apply(StepContext context) {
        context.result("backup", state.backup.toString()).result("backupTaken", state.backupTakenAt);
    }

    private String cheapCheck() {
        return switch (state.inspection.format()) {
            case PLAIN -> "the completion marker at the end";
            case PLAIN_GZIP -> "the gzip header and first block";
            default -> "the archive's table of contents";
        };
    }

    /** What of a --create/--clean dump will not reach the scratch copy, so the operator sees it. */
    static void describeScript(StepContext context, Inspection inspection) {
        if (inspection.database() != null && !inspection.format().archive()) {
            context.detail("createsDatabase", inspection.database());
        }
        if (inspection.clean()) {
            context.detail("clean", true);
        }
        if (!inspection.linesToSkip().isEmpty()) {
            context.detail("skippedLines", inspection.linesToSkip().toString());
        }
    }

    static String humanAge(Duration age) {
        if (age.toDays() > 0) {
            return age.toDays() + " days";
        }
        if (age.toHours() > 0) {
            return age.toHours() + " h";
        }
        return Math.max(0, age.toMinutes()) + " min";
    }
}
