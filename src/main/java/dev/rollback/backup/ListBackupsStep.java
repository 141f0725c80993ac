package dev.rollback.backup;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lists the backups dir with each backup's format and whether it is complete. */
final class ListBackupsStep implements Step {
    private final BackupStore store;
    private final DumpInspector inspector;

    ListBackupsStep(BackupStore store, DumpInspector inspector) {
        this.store = store;
        this.inspector = inspector;
    }

    @Override
    public String id() {
        return "list-backups";
    }

    @Override
    public String description() {
        return "list and check the backups in " + store.dir();
    }

    @Override
    public void apply(StepContext context) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BackupFile backup : store.list()) {
            rows.add(row(backup));
        }
        context.detail("count", rows.size()).result("dir", store.dir().toString()).result("backups", rows);
    }

    private Map<String, Object> row(BackupFile backup) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", backup.name());
        row.put("path", backup.path().toString());
        row.put("label", backup.label());
        row.put("takenAt", backup.takenAt().toString());
        row.put("sizeBytes", backup.sizeBytes());
        try {
            Inspection inspection = inspector.quick(backup.path());
            row.put("format", inspection.format().wire());
            row.put("complete", inspection.complete());
            if (!inspection.complete()) {
                row.put("problem", inspection.problem());
            }
        } catch (IOException | RuntimeException e) {
            row.put("format", "unknown");
            row.put("complete", false);
            row.put("problem", "cannot read: " + e.getMessage());
        }
        return row;
    }
}
