package dev.rollback.backup;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.Plan;

/** {@code backups}: a read-only plan of one step, so the listing has the usual report shape. */
public final class ListBackupsPlan {
    private ListBackupsPlan() {
    }

    public static Plan build(BackupStore store, Postgres postgres) {
        return Plan.builder("backups").readOnly().notJournaled()
            .step(new ListBackupsStep(store, new DumpInspector(postgres)))
            .build();
    }
}
