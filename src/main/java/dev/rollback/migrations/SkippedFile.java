package dev.rollback.migrations;

/**
 * A file that looks like a migration but was not analysed, and why: moved or renamed unchanged
 * (it ran with the older release), outside {@code migrations.paths}, or written for another
 * database than PostgreSQL. Listed so a reader sees it was seen, not missed.
 */
public record SkippedFile(String path, String reason) {
}
