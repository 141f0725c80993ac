package dev.rollback.migrations;

import dev.rollback.adapters.sql.SqlOperation;
import java.util.OptionalLong;

/**
 * The strategies document's "index changes on large tables": {@code CREATE INDEX} without CONCURRENTLY locks
 * writes to the table while it builds. Dangerous over {@code migrations.large-table-rows}, safe
 * under it, and for a person to review when the table's size cannot be found out.
 */
final class IndexRule {
    private final TableSizes sizes;
    private final long largeTableRows;

    IndexRule(TableSizes sizes, long largeTableRows) {
        this.sizes = sizes;
        this.largeTableRows = largeTableRows;
    }

    Classifier.Judgement create(SqlOperation op) {
        String index = "index " + op.detail() + " on " + op.table();
        if (op.concurrently()) {
            return Classifier.safe(index + " is built CONCURRENTLY: writes go on meanwhile");
        }
        OptionalLong rows = sizes.rows(op.table());
        if (rows.isEmpty()) {
            return Classifier.review(index + " is built without CONCURRENTLY and the table's size is unknown ("
                + sizes.unknownBecause() + "); check it is under " + largeTableRows
                + " rows (migrations.large-table-rows) or build it CONCURRENTLY");
        }
        if (rows.getAsLong() > largeTableRows) {
            return Classifier.dangerous(index + " is built without CONCURRENTLY on a large table (over "
                + largeTableRows + " rows, migrations.large-table-rows): writes are locked while it builds");
        }
        return Classifier.safe(index + " is built without CONCURRENTLY on a small table (" + rows.getAsLong()
            + " rows, at most " + largeTableRows + ")");
    }
}
