package dev.rollback.adapters.postgres;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * The JDBC side: one short-lived connection per call (this tool makes a handful of calls per run,
 * so a pool would only hold connections that block renaming or dropping the database later).
 * The password travels in the connection properties, never in the URL, which drivers and tools
 * like to print. Connections go to the configured database, to any other database on the same
 * server (scratch copies), or to the maintenance database for CREATE, DROP and RENAME, which
 * cannot act on the database a session is connected to.
 */
final class PgJdbc {
    /** An unreachable database must fail the run within seconds, not hang an incident response. */
    static final int CONNECT_TIMEOUT_SECONDS = 5;
    /** Spot-check queries may scan a big table; they are cancelled server-side after this. */
    static final int QUERY_TIMEOUT_SECONDS = 30;
    /** CREATE and DROP DATABASE copy or remove whole directories; give them longer than a query. */
    static final int DDL_TIMEOUT_SECONDS = 300;
    /** A backstop above the longest statement timeout for a server that stops answering mid-statement. */
    private static final int SOCKET_TIMEOUT_SECONDS = DDL_TIMEOUT_SECONDS + 15;
    /** Where the server-wide statements run; template1 when an operator removed it, as createdb does. */
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final String FALLBACK_MAINTENANCE_DATABASE = "template1";
    private static final String INVALID_CATALOG = "3D000";

    private final PgTarget target;
    private final PgErrors errors;

    PgJdbc(PgTarget target, PgErrors errors) {
        this.target = target;
        this.errors = errors;
    }

    void ping() {
        queryFirstValue("select 1");
    }

    int serverMajorVersion() {
        try (Connection connection = connect(target.database())) {
            return connection.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw errors.queryFailed(e, QUERY_TIMEOUT_SECONDS);
        }
    }

    /** The first column of the first row; empty when there is no row or the value is SQL NULL. */
    Optional<String> queryFirstValue(String sql) {
        return queryFirstValue(target.database(), sql);
    }

    /** As {@link #queryFirstValue(String)}, on another database of the same server. */
    Optional<String> queryFirstValue(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery(sql)) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw errors.queryFailed(e, QUERY_TIMEOUT_SECONDS, database);
        }
    }

    /**
     * A connection to {@code database}. Connection failures are translated here, so callers only
     * see statement failures as SQLException. A missing database other than the configured one
     * is a failed precondition (exit 3), not an unreachable server.
     */
    Connection connect(String database) {
        try {
            return open(database);
        } catch (SQLException e) {
            throw errors.connectFailed(e, database);
        }
    }

    /** A connection to the maintenance database, for statements that act on whole databases. */
    Connection connectMaintenance() {
        try {
            return open(MAINTENANCE_DATABASE);
        } catch (SQLException e) {
            if (!INVALID_CATALOG.equals(e.getSQLState())) {
                throw errors.connectFailed(e, MAINTENANCE_DATABASE);
            }
        }
        return connect(FALLBACK_MAINTENANCE_DATABASE);
    }

    private Connection open(String database) throws SQLException {
        // The driver class directly rather than DriverManager: no dependence on service
        // loading in the shaded jar, and no global DriverManager login timeout.
        Connection connection = new org.postgresql.Driver().connect(url(database), properties());
        if (connection == null) {
            throw new IllegalStateException("the PostgreSQL driver did not accept " + url(database));
        }
        return connection;
    }

    private String url(String database) {
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        return "jdbc:postgresql://" + host + ":" + target.port() + "/"
            + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("user", target.user());
        if (target.password() != null) {
            properties.setProperty("password", target.password());
        }
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        // Shows up in pg_stat_activity, so a DBA sees who holds a session during a rollback.
        properties.setProperty("ApplicationName", "rollback");
        return properties;
    }
}
