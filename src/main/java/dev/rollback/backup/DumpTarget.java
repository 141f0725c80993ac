package dev.rollback.backup;

import java.nio.file.Path;

/** Where the backup being taken goes; shared by the steps of one backup plan. */
final class DumpTarget {
    private Path finalPath;

    void finalPath(Path path) {
        this.finalPath = path;
    }

    Path finalPath() {
        return finalPath;
    }

    Path partialPath() {
        return BackupStore.partialPath(finalPath);
    }
}
