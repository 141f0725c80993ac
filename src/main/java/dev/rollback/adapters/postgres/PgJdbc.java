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
 * like to print.
 */
final class PgJdbc {
    /** An unreachable database must fail the run within seconds, not hang an incident response. */
    static final int CONNECT_TIMEOUT_SECONDS = 5;
    /** Spot-check queries may scan a big table; they are cancelled server-side after this. */
    static final int QUERY_TIMEOUT_SECONDS = 30;
    /** A backstop above the query timeout for a server that stops answering mid-query. */
    private static final int SOCKET_TIMEOUT_SECONDS = QUERY_TIMEOUT_SECONDS + 15;

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
        try (Connection connection = connect()) {
            return connection.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw errors.queryFailed(e, QUERY_TIMEOUT_SECONDS);
        }
    }

    /** The first column of the first row; empty when there is no row or the value is SQL NULL. */
    Optional<String> queryFirstValue(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery(sql)) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw errors.queryFailed(e, QUERY_TIMEOUT_SECONDS);
        }
    }

    /** Connection failures are translated here, so callers only see query failures as SQLException. */
    private Connection connect() {
        try {
            // The driver class directly rather than DriverManager: no dependence on service
            // loading in the shaded jar, and no global DriverManager login timeout.
            Connection connection = new org.postgresql.Driver().connect(url(), properties());
            if (connection == null) {
                throw new IllegalStateException("the PostgreSQL driver did not accept " + url());
            }
            return connection;
        } catch (SQLException e) {
            throw errors.connectFailed(e);
        }
    }

    private String url() {
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        return "jdbc:postgresql://" + host + ":" + target.port() + "/"
            + URLEncoder.encode(target.database(), StandardCharsets.UTF_8);
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
