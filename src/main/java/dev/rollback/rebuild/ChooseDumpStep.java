package dev.rollback.rebuild;

import dev.rollback.backup.Inspection;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.restore.BackupChoice;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Before anything is stopped: the dump {@code --restore-db} names exists and reads to its end. A
 * truncated dump is refused here (exit 3) with the stack untouched, not found out after the rebuild.
 */
final class ChooseDumpStep implements Step {
    private final DatabaseInputs in;
    private final ChosenDump chosen;

    ChooseDumpStep(DatabaseInputs in, ChosenDump chosen) {
        this.in = in;
        this.chosen = chosen;
    }

    @Override
    public String id() {
        return "choose-dump";
    }

    @Override
    public String description() {
        return "check that dump " + (chosen.path != null ? chosen.path.getFileName() : in.wanted())
            + " is complete, for the database restore after the rebuild";
    }

    @Override
    public void check(StepContext context) {
        Path dump = BackupChoice.resolve(in.wanted(), in.store(), in.inspector(), in.postgres().databaseName());
        Inspection inspection;
        try {
            inspection = in.inspector().deep(dump);
        } catch (IOException e) {
            throw RollbackException.refused("cannot read dump " + dump + ": " + e.getMessage());
        }
        if (inspection.hostile()) {
            throw RollbackException.refused(inspection.problem());
        }
        if (!inspection.complete()) {
            throw RollbackException.refused("dump " + dump + " cannot be restored: " + inspection.problem()
                + "; nothing was changed");
        }
        chosen.path = dump.toAbsolutePath().normalize();
        context.detail("dump", chosen.path.toString()).detail("format", inspection.format().wire())
            .detail("tables", inspection.tables().size());
    }

    @Override
    public void apply(StepContext context) {
        context.result("databaseBackup", chosen.path.toString());
    }
}
