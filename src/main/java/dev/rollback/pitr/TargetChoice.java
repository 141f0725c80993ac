package dev.rollback.pitr;

import dev.rollback.core.RollbackException;
import dev.rollback.release.Ledger;
import dev.rollback.release.Release;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Turns {@code --to-release ID}, {@code --to-mark LABEL} or {@code --to-time T} into a {@link RestoreTarget}. A
 * release recorded without a WAL point, or a label never marked, is refused (exit 3); a time that is not ISO-8601
 * with an offset is a usage error (exit 2).
 */
public final class TargetChoice {
    private TargetChoice() {
    }

    public static RestoreTarget release(Ledger ledger, String id) {
        Release release = ledger.find(id);
        if (release.wal() == null) {
            throw RollbackException.refused("release " + release.id() + " was recorded without a WAL point (before"
                + " archiving, or by an older version): it cannot be restored to in time; use --backup");
        }
        return RestoreTarget.position(release.wal(), "release " + release.id() + " (WAL " + release.wal().lsn()
            + ", " + release.wal().at() + ")");
    }

    public static RestoreTarget mark(ArchiveLayout layout, String label) {
        Mark mark = new Marks(layout).newest(label).orElseThrow(() -> RollbackException.refused("no mark " + label
            + " in " + layout.marks() + " (rollback backup --label " + label + " records one while archiving is live)"));
        return RestoreTarget.position(mark.point(), "mark " + label + " (WAL " + mark.point().lsn() + ", "
            + mark.point().at() + ")");
    }

    /** ISO-8601 with an offset or Z, e.g. 2026-12-03T11:22:00Z. */
    public static RestoreTarget time(String text) {
        try {
            return RestoreTarget.instant(OffsetDateTime.parse(text.strip()).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return RestoreTarget.instant(Instant.parse(text.strip()));
            } catch (DateTimeParseException again) {
                throw RollbackException.usage("--to-time needs an ISO-8601 instant with an offset, like"
                    + " 2026-12-03T11:22:00Z; got " + text);
            }
        }
    }

    /** {@code wal_segment_size} as {@code SHOW} prints it ("16MB", "1GB") in bytes; the default when unreadable. */
    public static long segmentBytes(String shown) {
        if (shown == null) {
            return WalArchive.DEFAULT_SEGMENT_BYTES;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(kB|MB|GB)").matcher(shown.strip());
        if (!m.matches()) {
            return WalArchive.DEFAULT_SEGMENT_BYTES;
        }
        long unit = switch (m.group(2)) {
            case "kB" -> 1024L;
            case "MB" -> 1024L * 1024;
            default -> 1024L * 1024 * 1024;
        };
        return Long.parseLong(m.group(1)) * unit;
    }
}
