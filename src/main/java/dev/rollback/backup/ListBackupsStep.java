package dev.rollback.backup;

import dev.rollback.backup.BackupRow.Dump;
import dev.rollback.backup.BackupRow.Listed;
import dev.rollback.backup.BackupRow.Other;
import dev.rollback.backup.BackupRow.Volume;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Lists the backups dir with each backup's format and whether it is complete: dumps as
 * {@link DumpInspector} finds them, volume archives read to their end ({@link VolumeArchive}),
 * config snapshots by the image list written last before their rename.
 */
final class ListBackupsStep implements Step {
    /** The label level 3 gives its safety copies (RestorePlan), the same for every stack. */
    private static final String PRE_RESTORE_LABEL = "pre_restore";
    private static final String UNKNOWN = "unknown";
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
        List<BackupRow> rows = new ArrayList<>();
        for (BackupFile backup : store.list()) {
            rows.add(row(backup));
        }
        context.detail("count", rows.size()).result(new BackupList(store.dir().toString(), rows));
    }

    private BackupRow row(BackupFile backup) {
        Listed file = Listed.of(backup);
        if (backup.name().indexOf('\uFFFD') >= 0) {
            // Its bytes cannot survive a round trip through a Java string (nor an argv): say so
            // instead of a misleading "no such file" from the tools.
            return new Other(file, UNKNOWN, false, "the file name is not valid UTF-8; rename it to restore from it");
        }
        String format = UNKNOWN;
        try {
            BackupFormat detected = BackupFormat.detect(backup.path());
            format = detected.wire();
            return switch (detected) {
                case VOLUME -> volume(file, format, backup);
                case CONFIG -> config(file, format, backup);
                case INCIDENT -> incident(file, format, backup);
                default -> dump(file, format, backup, inspector.quick(backup.path()));
            };
        } catch (IOException | RuntimeException e) {
            return new Other(file, format, false, "cannot read: " + e.getMessage());
        }
    }

    private static BackupRow volume(Listed file, String format, BackupFile backup) {
        try {
            VolumeArchive archive = VolumeArchive.read(backup.path());
            return new Volume(file, format, true, archive.entries(), archive.contentBytes(), null);
        } catch (RuntimeException unusable) {
            return new Volume(file, format, false, null, null, unusable.getMessage());
        }
    }

    /** An incident bundle is complete when it reads to its end (it is renamed into place only then). */
    private static BackupRow incident(Listed file, String format, BackupFile backup) {
        try (var in = new GZIPInputStream(Files.newInputStream(backup.path()))) {
            in.transferTo(OutputStream.nullOutputStream());
            return new Other(file, format, true, null);
        } catch (IOException e) {
            return new Other(file, format, false, "the bundle does not read to its end: " + e.getMessage());
        }
    }

    private static BackupRow config(Listed file, String format, BackupFile backup) {
        if (Files.isRegularFile(backup.path().resolve(BackupFormat.CONFIG_IMAGE_LIST))) {
            return new Other(file, format, true, null);
        }
        return new Other(file, format, false, "no " + BackupFormat.CONFIG_IMAGE_LIST + " in it: the snapshot is incomplete");
    }

    private static BackupRow dump(Listed file, String format, BackupFile backup, Inspection inspection) {
        return new Dump(file, format, database(backup, inspection), inspection.complete(),
            inspection.complete() ? null : inspection.problem());
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
}
