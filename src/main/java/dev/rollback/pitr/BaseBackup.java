package dev.rollback.pitr;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A base backup taken by {@code rollback backup --base} ({@code pg_basebackup}): the data directory as tar files in
 * {@code dir}, described by {@code dir/base.json}. WAL from {@code start} on, replayed from the archive, brings it to
 * any later point; it is consistent once replay has passed {@code end}.
 *
 * @param name          the directory's name under {@code backups.dir/base/}, a UTC timestamp such as 20261203T112200Z
 * @param start         the checkpoint the backup starts from (the {@code START WAL LOCATION} of its backup label)
 * @param end           where the backup ended; a restore target before it cannot be reached from this backup
 * @param timeline      the server's timeline when the backup was taken
 * @param serverVersion {@code server_version_num}, so the restore runs the same major version
 * @param image         the database service's image, which the scratch server for a restore runs
 */
public record BaseBackup(String name, Path dir, Lsn start, Lsn end, int timeline, Instant startedAt,
                         Instant finishedAt, int serverVersion, String image) {
}
