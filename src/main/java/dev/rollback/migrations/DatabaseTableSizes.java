package dev.rollback.migrations;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.RollbackException;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Table sizes from the live database: the planner's estimate, or for a table never analysed its
 * rows counted up to just past the threshold (a bounded scan). The database is reached on the
 * first question; when it cannot be, every size is unknown and says why, and nothing fails.
 */
public final class DatabaseTableSizes implements TableSizes {
    private final Supplier<Postgres> postgres;
    private final long threshold;
    private Postgres reachable;
    private String unknownBecause;

    /** @param postgres may throw (no database configured, password variable unset): sizes are then unknown */
    public DatabaseTableSizes(Supplier<Postgres> postgres, long threshold) {
        this.postgres = postgres;
        this.threshold = threshold;
    }

    @Override
    public OptionalLong rows(String table) {
        if (!connected()) {
            return OptionalLong.empty();
        }
        try {
            OptionalLong rows = reachable.estimatedRows(table, threshold + 1);
            if (rows.isEmpty()) {
                unknownBecause = "table " + table + " does not exist in " + reachable.describe();
            }
            return rows;
        } catch (RollbackException e) {
            unknownBecause = "cannot size " + table + ": " + e.getMessage();
            return OptionalLong.empty();
        }
    }

    private boolean connected() {
        if (reachable != null) {
            return true;
        }
        if (unknownBecause != null && unknownBecause.startsWith("no database")) {
            return false;
        }
        try {
            Postgres candidate = postgres.get();
            candidate.ping();
            reachable = candidate;
            return true;
        } catch (RollbackException e) {
            unknownBecause = "no database reachable to size tables (" + e.getMessage() + ")";
            return false;
        }
    }

    @Override
    public String unknownBecause() {
        return unknownBecause;
    }
}
