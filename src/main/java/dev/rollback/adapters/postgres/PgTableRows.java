package dev.rollback.adapters.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/**
 * How many rows a table holds, cheaply: the planner's estimate ({@code pg_class.reltuples}); for
 * a table never analysed (-1 since PostgreSQL 14, 0 before) its rows counted, stopping at a cap.
 * The name is resolved by the server ({@code to_regclass}), and the counting query uses the name
 * the server prints back, quoted by the server: nothing from a migration file is pasted into SQL.
 */
final class PgTableRows {
    private static final String LOOKUP = "select c.oid::regclass::text, c.reltuples::bigint from pg_class c"
        + " where c.oid = to_regclass(?)";

    private final PgJdbc jdbc;
    private final PgErrors errors;
    private final String database;

    PgTableRows(PgJdbc jdbc, PgErrors errors, String database) {
        this.jdbc = jdbc;
        this.errors = errors;
        this.database = database;
    }

    OptionalLong estimate(String table, long cap) {
        try (Connection connection = jdbc.connect(database)) {
            String regclass;
            long estimate;
            try (PreparedStatement lookup = connection.prepareStatement(LOOKUP)) {
                lookup.setQueryTimeout(PgJdbc.QUERY_TIMEOUT_SECONDS);
                lookup.setString(1, table);
                try (ResultSet row = lookup.executeQuery()) {
                    if (!row.next()) {
                        return OptionalLong.empty();
                    }
                    regclass = row.getString(1);
                    estimate = row.getLong(2);
                }
            }
            return OptionalLong.of(estimate > 0 ? estimate : countUpTo(connection, regclass, cap));
        } catch (SQLException e) {
            // to_regclass itself rejects malformed names (e.g. an unclosed quote) with 42602.
            if ("42602".equals(e.getSQLState())) {
                return OptionalLong.empty();
            }
            throw errors.queryFailed(e, PgJdbc.QUERY_TIMEOUT_SECONDS, database);
        }
    }

    private static long countUpTo(Connection connection, String regclass, long cap) throws SQLException {
        try (Statement count = connection.createStatement()) {
            count.setQueryTimeout(PgJdbc.QUERY_TIMEOUT_SECONDS);
            try (ResultSet row = count.executeQuery("select count(*) from (select 1 from " + regclass
                + " limit " + cap + ") as sample")) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
