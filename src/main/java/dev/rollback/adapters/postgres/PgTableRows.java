package dev.rollback.adapters.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How many rows a table holds, cheaply: the planner's estimate ({@code pg_class.reltuples}); for
 * a table never analysed (-1 since PostgreSQL 14, 0 before) its rows counted, stopping at a cap.
 * The name is resolved by the server ({@code to_regclass}), and the counting query uses the name
 * the server prints back, quoted by the server: nothing from a migration file is pasted into SQL.
 *
 * <p>For a restore's check: {@link #analyze} and {@link #count}, each under a server-side
 * {@code statement_timeout}, so that a table of any size costs at most its bound: a count that runs
 * out gives way to the estimate, never fails the caller.
 */
final class PgTableRows {
    private static final String LOOKUP = "select c.oid::regclass::text, c.reltuples::bigint from pg_class c"
        + " where c.oid = to_regclass(?)";

    /** A table named by schema and name, as {@code Postgres#tables} lists them. */
    private static final String RELATION = "select c.oid::regclass::text, c.reltuples::bigint, c.relpages"
        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relname = ?";
    private static final String QUERY_CANCELED = "57014";

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

    /**
     * Refreshes the planner's statistics of {@code tables} ("schema.table") one by one until
     * {@code bound} is spent: ANALYZE reads a fixed sample (300 x default_statistics_target rows) of
     * each table, whatever its size. Returns how many tables were analysed; the one the bound cut
     * short keeps its old statistics.
     */
    int analyze(List<String> tables, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        int analysed = 0;
        try (Connection connection = jdbc.connect(database)) {
            for (String table : tables) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Optional<Relation> relation = relation(connection, table);
                if (relation.isPresent()) {
                    if (bounded(connection, "analyze " + relation.get().regclass(), Duration.ofNanos(left)).isEmpty()) {
                        break;
                    }
                    analysed++;
                }
            }
        } catch (SQLException e) {
            throw errors.queryFailed(e, PgJdbc.QUERY_TIMEOUT_SECONDS, database);
        }
        return analysed;
    }

    /**
     * {@code table}'s rows counted if the count finishes within {@code bound} (a zero bound: not
     * tried); otherwise the planner's estimate when it has one, otherwise "not counted".
     */
    RowCount count(String table, Duration bound) {
        try (Connection connection = jdbc.connect(database)) {
            Optional<Relation> relation = relation(connection, table);
            if (relation.isEmpty()) {
                return RowCount.notCounted();
            }
            if (!bound.isZero() && !bound.isNegative()) {
                Optional<Long> exact = bounded(connection, "select count(*) from " + relation.get().regclass(), bound);
                if (exact.isPresent()) {
                    return RowCount.exact(exact.get());
                }
            }
            return relation.get().estimate().map(RowCount::estimated).orElse(RowCount.notCounted());
        } catch (SQLException e) {
            throw errors.queryFailed(e, PgJdbc.QUERY_TIMEOUT_SECONDS, database);
        }
    }

    /**
     * Runs {@code sql} with the server's {@code statement_timeout} set to {@code bound} (at least
     * 1 ms: 0 would mean none); empty when the server cancelled it for running out of time. The
     * first column of the first row, as a number (0 for a statement without rows).
     */
    private static Optional<Long> bounded(Connection connection, String sql, Duration bound) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PgJdbc.QUERY_TIMEOUT_SECONDS);
            statement.execute("set statement_timeout = " + Math.max(1, bound.toMillis()));
            Optional<Long> value;
            try {
                value = Optional.of(firstNumber(statement, sql));
            } catch (SQLException e) {
                if (!QUERY_CANCELED.equals(e.getSQLState())) {
                    throw e;
                }
                value = Optional.empty();
            }
            // The session's next statements (the catalog lookups) must not run under the short bound.
            statement.execute("reset statement_timeout");
            return value;
        }
    }

    private static long firstNumber(Statement statement, String sql) throws SQLException {
        if (!statement.execute(sql)) {
            return 0L;
        }
        try (ResultSet row = statement.getResultSet()) {
            return row.next() ? row.getLong(1) : 0L;
        }
    }

    private static Optional<Relation> relation(Connection connection, String table) throws SQLException {
        int dot = table.indexOf('.');
        try (PreparedStatement lookup = connection.prepareStatement(RELATION)) {
            lookup.setQueryTimeout(PgJdbc.QUERY_TIMEOUT_SECONDS);
            lookup.setString(1, dot < 0 ? "public" : table.substring(0, dot));
            lookup.setString(2, table.substring(dot + 1));
            try (ResultSet row = lookup.executeQuery()) {
                return row.next() ? Optional.of(new Relation(row.getString(1), row.getLong(2), row.getLong(3)))
                    : Optional.empty();
            }
        }
    }

    /** A table as the catalog sees it: its server-quoted name and the planner's numbers. */
    private record Relation(String regclass, long reltuples, long relpages) {
        /**
         * The planner's row estimate, when it has one: -1 (PostgreSQL 14+) is "never measured", and
         * so is 0 rows on pages that exist (before 14, 0 meant both "empty" and "never measured").
         */
        Optional<Long> estimate() {
            return reltuples < 0 || (reltuples == 0 && relpages > 0) ? Optional.empty() : Optional.of(reltuples);
        }
    }
}
