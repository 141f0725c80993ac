package dev.rollback.backup;

import dev.rollback.adapters.postgres.DumpFormat;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.Plan;
import dev.rollback.core.Step;
import java.util.List;

/**
 * The runbook's pre-deployment backup ({@code pg_dump ... > /backups/pre_deploy_$(date ...).sql}),
 * made safe: written under a temporary name, read back to its end, then renamed into place;
 * optional retention of the newest N.
 */
public final class BackupPlan {
    private BackupPlan() {
    }

    /**
     * @param keep how many backups of this label to keep, or null to keep all
     */
    public static Plan build(Postgres postgres, BackupStore store, String label, DumpFormat format, Integer keep) {
        return build(postgres, store, label, format, keep, List.of());
    }

    /**
     * The database backup, then {@code more} (volume archives, the config snapshot), then retention:
     * old dumps are deleted only once every backup of this run is in place.
     */
    public static Plan build(Postgres postgres, BackupStore store, String label, DumpFormat format, Integer keep,
                             List<Step> more) {
        Plan.Builder plan = Plan.builder("backup").steps(steps(postgres, store, label, format, "", "backup")).steps(more);
        if (keep != null) {
            plan.step(new RetentionStep(store, new DumpInspector(postgres), label, keep));
        }
        return plan.build();
    }

    /** Without a database: only {@code steps} (volume archives, the config snapshot). */
    public static Plan withoutDatabase(List<Step> steps) {
        return Plan.builder("backup").steps(steps).build();
    }

    /**
     * Dump, read back, publish: also the pre-restore backup of level 3.
     *
     * @param idPrefix  prefix of the step ids ("" or "pre-restore-")
     * @param resultKey the report's result key for the published file
     */
    public static List<Step> steps(Postgres postgres, BackupStore store, String label, DumpFormat format,
                                   String idPrefix, String resultKey) {
        DumpTarget target = new DumpTarget();
        return List.of(new DumpStep(postgres, store, label, format, target, idPrefix),
            new VerifyDumpStep(new DumpInspector(postgres), target, idPrefix),
            new PublishStep(target, BackupFormat.of(format).wire(), idPrefix, resultKey));
    }
}
