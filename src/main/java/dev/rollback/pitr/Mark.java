package dev.rollback.pitr;

/**
 * A named instant in the database's history, e.g. {@code pre_deploy} taken by {@code rollback backup --label
 * pre_deploy} while archiving is live: a point to restore to that needs no dump.
 */
public record Mark(String label, WalPoint point) {
}
