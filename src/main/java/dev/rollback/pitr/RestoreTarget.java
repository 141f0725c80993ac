package dev.rollback.pitr;

import java.time.Instant;

/**
 * Where a point-in-time restore replays to: a WAL position (a release's or a mark's) or, for {@code --to-time}, an
 * instant. Exactly one of {@code lsn} and {@code time} is set; {@code at} is when the position was read, if known.
 *
 * @param what for messages and the report, e.g. "release 20261203-1122 (its WAL point 0/3000148)"
 */
public record RestoreTarget(Lsn lsn, Instant time, Instant at, String what) {
    /** PostgreSQL's own timestamptz form: it refuses ISO-8601's "T…Z" in recovery_target_time. */
    private static final java.time.format.DateTimeFormatter SERVER_TIME = java.time.format.DateTimeFormatter
        .ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(java.time.ZoneOffset.UTC);

    public static RestoreTarget position(WalPoint point, String what) {
        return new RestoreTarget(point.lsn(), null, point.at(), what);
    }

    public static RestoreTarget instant(Instant time) {
        return new RestoreTarget(null, time, time, "time " + time);
    }

    /** The server settings that stop recovery here, as {@code -c name=value} pairs' names and values. */
    public String[] recoverySetting() {
        return lsn != null
            ? new String[] {"recovery_target_lsn", lsn.toString()}
            : new String[] {"recovery_target_time", SERVER_TIME.format(time)};
    }
}
