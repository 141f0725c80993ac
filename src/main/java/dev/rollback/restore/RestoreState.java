package dev.rollback.restore;

import dev.rollback.backup.Inspection;
import dev.rollback.backup.StreamedDumpCheck;
import java.nio.file.Path;

/** What the steps of one database restore share. */
final class RestoreState {
    final String live;
    final String scratch;
    final String keptOld;
    final boolean inPlace;
    /** --keep-serving: the app served from live while the restore ran, so the kept old database holds those writes too. */
    final boolean servedDuringRestore;
    Path backup;
    Inspection inspection;
    /** A plain dump restored into scratch: the full check it gets on its way in; null otherwise. */
    StreamedDumpCheck streamedCheck;
    String backupTakenAt = "unknown time";
    boolean swapped;

    RestoreState(String live, String stamp, boolean inPlace, boolean servedDuringRestore) {
        this.live = live;
        this.scratch = live + "_restore_" + stamp;
        this.keptOld = live + "_pre_restore_" + stamp;
        this.inPlace = inPlace;
        this.servedDuringRestore = servedDuringRestore;
    }

    /** Where the dump is restored: the scratch database, or with --in-place the (recreated) live one. */
    String restoreTarget() {
        return inPlace ? live : scratch;
    }
}
