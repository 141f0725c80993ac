package dev.rollback.pitr;

import java.time.Instant;

/**
 * Where the database's write-ahead log was at an instant: read with {@code pg_current_wal_lsn()} and the server's
 * clock when a release is recorded or a {@code pre_deploy} mark is taken. What a point-in-time restore replays to.
 */
public record WalPoint(Lsn lsn, Instant at) {
}
