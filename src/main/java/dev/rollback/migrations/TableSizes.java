package dev.rollback.migrations;

import java.util.OptionalLong;

/** How many rows a table holds, for judging an index build; or why that is not known. */
public interface TableSizes {
    /** Rows of {@code table} (as written in SQL), or empty with {@link #unknownBecause()} saying why. */
    OptionalLong rows(String table);

    /** Why {@link #rows} is empty: "no database is configured", "table x does not exist", ... */
    String unknownBecause();

    /** Sizes that cannot be looked up at all, e.g. with no database reachable. */
    static TableSizes unknown(String because) {
        return new TableSizes() {
            @Override
            public OptionalLong rows(String table) {
                return OptionalLong.empty();
            }

            @Override
            public String unknownBecause() {
                return because;
            }
        };
    }
}
