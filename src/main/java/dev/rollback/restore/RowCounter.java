package dev.rollback.restore;

import dev.rollback.adapters.postgres.RowCount;
import java.time.Duration;

/** The one thing {@link RowCheck} needs from the database: {@code Postgres#countRows}. */
@FunctionalInterface
interface RowCounter {
    RowCount count(String database, String table, Duration bound);
}
