package dev.rollback.pitr;

import java.nio.file.Path;

/**
 * Where continuous archiving keeps its files inside {@code backups.dir}, next to the dumps:
 * <pre>
 * base/NAME/base.tar.gz, base/NAME/base.json   one directory per base backup ({@link BaseBackup})
 * wal/                                         pg_receivewal's directory: segments, the open one as .partial
 * marks.jsonl                                  the {@code pre_deploy} and other marks ({@link Mark}), appended
 * </pre>
 */
public record ArchiveLayout(Path backupsDir) {

    public Path baseBackups() {
        return backupsDir.resolve("base");
    }

    public Path baseBackup(String name) {
        return baseBackups().resolve(name);
    }

    public Path wal() {
        return backupsDir.resolve("wal");
    }

    public Path marks() {
        return backupsDir.resolve("marks.jsonl");
    }
}
