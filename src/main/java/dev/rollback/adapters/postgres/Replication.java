package dev.rollback.adapters.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What continuous archiving asks of the server: whether it is configured for it, a base backup
 * ({@code pg_basebackup}), the archiver's replication slot and {@code pg_receivewal}, and where the WAL is now.
 * WAL positions are PostgreSQL's text ({@code 0/3000148}); the caller reads them as {@code pitr.Lsn}.
 * The password travels as for the other tools: PGPASSWORD in the child's environment, never in argv.
 */
public interface Replication {

    /** The settings and the replication connection archiving needs, as the server reports them. */
    ReplicationReadiness readiness();

    /** "host pg_basebackup 15.18" or "container merq-db (...)": where the tools run. */
    String toolsLocation();

    /** Whether the tools run on this machine (pg_receivewal must: it writes the archive here). */
    boolean toolsOnHost();

    /** {@code server_version_num}, e.g. 150018. */
    int serverVersionNum();

    /**
     * {@code pg_basebackup} of the cluster into {@code file} (one gzipped tar, the WAL it needs inside), which
     * is created 0600 before a byte is written. Fails (exit 1, the tool's error line) when the tool fails.
     */
    BaseBackupRun baseBackup(Path file);

    /** The WAL positions and timeline pg_basebackup reported. */
    record BaseBackupRun(String start, String end, int timeline) {
    }

    /**
     * Creates the physical replication slot {@code slot} unless it exists, reserving WAL from now on (not only
     * once a receiver connects); true when it was created.
     */
    boolean ensureSlot(String slot);

    /** The slot and the archiver streaming through it, as the server sees them now; empty when there is no such slot. */
    Optional<SlotState> slot(String slot);

    /**
     * @param active     whether a receiver is connected through the slot
     * @param writeLsn   how far the receiver says it has written, or null when none is connected
     * @param replyAge   how long ago the receiver last answered, or null
     * @param currentLsn {@code pg_current_wal_lsn()} at the same moment
     */
    record SlotState(boolean active, String writeLsn, Duration replyAge, String currentLsn) {
    }

    /**
     * Runs {@code pg_receivewal} into {@code directory} through {@code slot} until it exits or {@code stop}
     * turns true (then SIGTERM); returns how it ended. Needs the tools on this machine.
     */
    Exit receive(Path directory, String slot, BooleanSupplier stop);

    /** @param lastErrorLine the receiver's last stderr line, "" when none */
    record Exit(int code, String lastErrorLine) {
    }

    /** {@code pg_current_wal_lsn()} and the server's {@code now()}, read together. */
    Position currentPosition();

    /** A WAL position and the server's time when it was read. */
    record Position(String lsn, Instant at) {
    }
}
