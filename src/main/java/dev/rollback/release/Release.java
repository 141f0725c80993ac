package dev.rollback.release;

import dev.rollback.pitr.WalPoint;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A recorded good state of the stack: per service the image ID it ran, the git commit of the
 * workdir and the compose file's hash. Recorded after a good deploy; what {@code redeploy} goes back to.
 *
 * @param composeFileSha256 hash of the compose file as written (not the resolved config, which holds secrets)
 * @param forced            recorded with --force although the stack was not healthy
 * @param wal               where the database's WAL was when the release was recorded, or null (no database,
 *                          or recorded before the tool read it): what {@code db-restore --to-release} replays to
 */
public record Release(String id, Instant recordedAt, String recordedBy, String target, String gitCommit,
                      String composeFileSha256, boolean forced, Map<String, ServiceImage> services, WalPoint wal) {

    public Release {
        services = new TreeMap<>(services);
    }

    public Release withWal(WalPoint point) {
        return new Release(id, recordedAt, recordedBy, target, gitCommit, composeFileSha256, forced, services, point);
    }

    /** Whether these services run exactly this release's images (a release of no images matches nothing). */
    public boolean matches(Map<String, String> runningImageIds) {
        return !services.isEmpty() && services.entrySet().stream()
            .allMatch(e -> e.getValue().imageId().equals(runningImageIds.get(e.getKey())));
    }

    public String shortCommit() {
        return gitCommit == null ? "-" : gitCommit.substring(0, Math.min(12, gitCommit.length()));
    }
}
