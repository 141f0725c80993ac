package dev.rollback.volume;

import dev.rollback.backup.VolumeArchive;
import java.util.LinkedHashMap;
import java.util.Map;

/** One volume archived into the backups dir, verified and under its final name. */
record VolumeBackup(String volume, VolumeArchive archive, long millis) {

    /** The report's row for it: volume, file, sizes, entries, checksum, duration. */
    Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("volume", volume);
        detail.putAll(archive.detail());
        detail.put("durationMs", millis);
        return detail;
    }
}
