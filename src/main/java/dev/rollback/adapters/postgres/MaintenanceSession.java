package dev.rollback.adapters.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection to the maintenance database, for the statements that act on whole databases
 * (CREATE, DROP, ALTER ... RENAME), which cannot run on the database they act on. Every failure is
 * translated here: exit 1 with the server's line, naming the statement (it holds only quoted
 * identifiers, never a secret), or exit 4 when the connection broke.
 */
final class MaintenanceSession implements AutoCloseable {
    /** A lock held elsewhere (a long transaction on the catalog) must fail a step, not hang it. */
    private static final String LOCK_TIMEOUT = "10s";

    private final Connection connection;
    private final PgErrors errors;

    private MaintenanceSession(Connection connection, PgErrors errors) {
        this.connection = connection;
        this.errors = errors;
    }

    static MaintenanceSession open(PgJdbc jdbc, PgErrors errors) {
        MaintenanceSession session = new MaintenanceSession(jdbc.connectMaintenance(), errors);
        try {
            session.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    boolean databaseExists(String name) {
        return !strings("SELECT datname FROM pg_catalog.pg_database WHERE datname = ?", name).isEmpty();
    }

    /** Runs one statement in its own transaction (CREATE and DROP DATABASE allow nothing else). */
    void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PgJdbc.DDL_TIMEOUT_SECONDS);
            statement.execute(sql);
        } catch (SQLException e) {
            throw errors.statementFailed(sql, e, PgJdbc.DDL_TIMEOUT_SECONDS);
        }
    }

    /** Runs the statements in one transaction: all of them take effect, or none. */
    void executeAtomically(List<String> statements) {
        String current = "BEGIN";
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(PgJdbc.DDL_TIMEOUT_SECONDS);
                for (String sql : statements) {
                    current = sql;
                    statement.execute(sql);
                }
                current = "COMMIT";
                connection.commit();
            }
        } catch (SQLException e) {
            rollbackQuietly();
            throw errors.statementFailed(current, e, PgJdbc.DDL_TIMEOUT_SECONDS);
        } finally {
            autocommitQuietly();
        }
    }

    /** The first column of every row of a query with text parameters. */
    List<String> strings(String sql, String... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(PgJdbc.QUERY_TIMEOUT_SECONDS);
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw errors.statementFailed("query on the maintenance database", e, PgJdbc.QUERY_TIMEOUT_SECONDS);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing a broken connection: the failure that broke it is what matters.
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection broke: the server rolls the transaction back on its own.
        }
    }

    private void autocommitQuietly() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // A broken connection is closed by the caller; nothing else runs on it.
        }
    }
}
