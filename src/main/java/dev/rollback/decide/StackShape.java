package dev.rollback.decide;

/**
 * What the decision needs to know about the stack itself: which commands its platform runs, so
 * that the tree never recommends one the platform refuses.
 *
 * @param composeWithAppServices {@code db-restore --redeploy previous} works (compose, app services named)
 * @param backupsDir             where backups are looked for, for messages
 * @param blueGreenReady         {@code blue-green} is configured: compose, app services, Caddy, a health check
 * @param infraRebuild           the platform runs {@code infra-rebuild}; without it level 4 is done by hand
 * @param stopsAppServices       level 3 stops and starts {@code stack.app-services} (so {@code --keep-serving} means something)
 */
public record StackShape(boolean composeWithAppServices, String backupsDir, boolean blueGreenReady,
                         boolean infraRebuild, boolean stopsAppServices) {
}
