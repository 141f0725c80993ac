package dev.rollback.decide;

/**
 * What the decision needs to know about the stack itself.
 *
 * @param composeWithAppServices {@code db-restore --redeploy previous} works (compose, app services named)
 * @param backupsDir             where backups are looked for, for messages
 */
public record StackShape(boolean composeWithAppServices, String backupsDir) {
}
