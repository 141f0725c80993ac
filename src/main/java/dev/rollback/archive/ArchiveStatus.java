package dev.rollback.archive;

import dev.rollback.pitr.Lsn;
import java.time.Duration;

/**
 * Whether continuous archiving is live, as {@code verify} and {@code plan} report it and as a point-in-time
 * restore needs to know. Live means: the archiver's replication slot is active (pg_receivewal is connected),
 * it answered the server within {@link ArchiveStatusReader#MAX_REPLY_AGE} (it answers every 10 s even when
 * nothing is written), and {@code backups.dir/wal/} holds what it received.
 *
 * @param live             as above
 * @param detail           one line for people: why it is or is not live
 * @param lagBytes         WAL the server has written that the archiver has not ({@code pg_current_wal_lsn()}
 *                         minus the archiver's write position); null when no archiver is connected
 * @param newestWal        the newest file in {@code wal/} (a segment, or the one being written as .partial), or null
 * @param newestWalAge     how long ago that file was last written, or null
 * @param newestBaseBackup the name of the newest base backup under {@code base/}, or null
 * @param walCoversUntil   how far the archive reaches: the archiver's write position while live, else the end of
 *                         the newest complete segment; null when nothing was archived
 */
public record ArchiveStatus(boolean live, String detail, Long lagBytes, String newestWal, Duration newestWalAge,
                            String newestBaseBackup, Lsn walCoversUntil) {

    /** Archiving was never set up here: no wal/ and no base/ directory. */
    public static ArchiveStatus notSetUp(String detail) {
        return new ArchiveStatus(false, detail, null, null, null, null, null);
    }
}
