package dev.rollback.backup;

import dev.rollback.adapters.postgres.DumpFormat;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.Plan;

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
        DumpTarget target = new DumpTarget();
        DumpInspector inspector = new DumpInspector(postgres);
        Plan.Builder plan = Plan.builder("backup")
            .step(new DumpStep(postgres, store, label, format, target))
            .step(new VerifyDumpStep(inspector, target))
            .step(new PublishStep(target, BackupFormat.of(format).wire()));
        if (keep != null) {
            plan.step(new RetentionStep(store, inspector, label, keep));
        }
        return plan.build();
    }
}
