package dev.rollback.decide;

/**
 * What the decision needs to know about the stack itself.
 *
 * @param composeWithAppServices {@code db-restore --redeploy previous} works (compose, app services named)
 * @param backupsDir             where backups are looked for, for messages
 * @param blueGreenReady         {@code blue-green} is configured: compose, app services, Caddy, a health check
 */
public record StackShape(boolean composeWithAppServices, String backupsDir, boolean blueGreenReady) {
}
