package dev.rollback.backup;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Lists the backups dir with each backup's format and whether it is complete: dumps as
 * {@link DumpInspector} finds them, volume archives read to their end ({@link VolumeArchive}),
 * config snapshots by the image list written last before their rename.
 */
final class ListBackupsStep implements Step {
    /** The label level 3 gives its safety copies (RestorePlan), the same for every stack. */
    private static final String PRE_RESTORE_LABEL = "pre_restore";
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
        if (backup.name().indexOf('\uFFFD') >= 0) {
            // Its bytes cannot survive a round trip through a Java string (nor an argv): say so
            // instead of a misleading "no such file" from the tools.
            row.put("format", "unknown");
            incomplete(row, "the file name is not valid UTF-8; rename it to restore from it");
            return row;
        }
        try {
            BackupFormat format = BackupFormat.detect(backup.path());
            row.put("format", format.wire());
            switch (format) {
                case VOLUME -> volume(row, backup);
                case CONFIG -> config(row, backup);
                case INCIDENT -> incident(row, backup);
                default -> dump(row, backup, inspector.quick(backup.path()));
            }
        } catch (IOException | RuntimeException e) {
            row.putIfAbsent("format", "unknown");
            incomplete(row, "cannot read: " + e.getMessage());
        }
        return row;
    }

    private static void volume(Map<String, Object> row, BackupFile backup) {
        try {
            VolumeArchive archive = VolumeArchive.read(backup.path());
            row.put("complete", true);
            row.put("entries", archive.entries());
            row.put("contentBytes", archive.contentBytes());
        } catch (RuntimeException unusable) {
            incomplete(row, unusable.getMessage());
        }
    }

    /** An incident bundle is complete when it reads to its end (it is renamed into place only then). */
    private static void incident(Map<String, Object> row, BackupFile backup) {
        try (var in = new GZIPInputStream(Files.newInputStream(backup.path()))) {
            in.transferTo(OutputStream.nullOutputStream());
            row.put("complete", true);
        } catch (IOException e) {
            incomplete(row, "the bundle does not read to its end: " + e.getMessage());
        }
    }

    private static void config(Map<String, Object> row, BackupFile backup) {
        if (Files.isRegularFile(backup.path().resolve(BackupFormat.CONFIG_IMAGE_LIST))) {
            row.put("complete", true);
        } else {
            incomplete(row, "no " + BackupFormat.CONFIG_IMAGE_LIST + " in it: the snapshot is incomplete");
        }
    }

    private static void dump(Map<String, Object> row, BackupFile backup, Inspection inspection) {
        row.put("database", database(backup, inspection));
        row.put("complete", inspection.complete());
        if (!inspection.complete()) {
            row.put("problem", inspection.problem());
        }
    }

    /**
     * Whose dump it is: what the dump itself says (a --create dump's CREATE DATABASE), else its
     * label, which {@code backup} sets to the database name; unknown for pre-restore safety copies,
     * whose label is the same for every stack. {@code db-restore --backup latest} goes by the same.
     */
    static String database(BackupFile backup, Inspection inspection) {
        if (inspection.database() != null) {
            return inspection.database();
        }
        return backup.label().equals(PRE_RESTORE_LABEL) ? null : backup.label();
    }

    private static void incomplete(Map<String, Object> row, String problem) {
        row.put("complete", false);
        row.put("problem", problem);
    }
}
