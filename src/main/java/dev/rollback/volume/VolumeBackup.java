package dev.rollback.volume;

import dev.rollback.backup.VolumeArchive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One volume archived into the backups dir, verified and under its final name.
 *
 * @param changedWhileRead paths a running service changed or removed while tar read them
 */
record VolumeBackup(String volume, VolumeArchive archive, List<String> changedWhileRead, long millis) {
    private static final int SAMPLE = 5;

    /** The report's row for it: volume, file, sizes, entries, checksum, duration, churn if any. */
    Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("volume", volume);
        detail.putAll(archive.detail());
        detail.put("durationMs", millis);
        if (!changedWhileRead.isEmpty()) {
            detail.put("changedWhileRead", changedWhileRead.size());
            detail.put("changedWhileReadSample", changedWhileRead.subList(0, Math.min(SAMPLE, changedWhileRead.size())));
        }
        return detail;
    }

    /** The progress line: entries, bytes, time, and the churn a live volume had. */
    String summary() {
        String line = "volume " + volume + ": " + archive.entries() + " entries, " + archive.archiveBytes()
            + " bytes in " + millis + " ms";
        return changedWhileRead.isEmpty() ? line
            : line + "; " + changedWhileRead.size() + " file(s) changed or vanished while read (a running service wrote them)";
    }
}
