package dev.rollback.adapters.postgres;

import dev.rollback.core.RollbackException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Databases as a whole, through JDBC: which exist, create, drop, and what a database holds. Every
 * change runs on the maintenance database and is logged, so the log tells what was created and
 * dropped during a rollback.
 */
final class PgDatabases {
    private static final Logger log = LoggerFactory.getLogger(PgDatabases.class);
    private static final String USER_TABLES = "SELECT schemaname, tablename FROM pg_catalog.pg_tables"
        + " WHERE schemaname <> 'information_schema' AND schemaname NOT LIKE 'pg\\_%'";

    private final PgTarget target;
    private final PgJdbc jdbc;
    private final PgErrors errors;

    PgDatabases(PgTarget target, PgJdbc jdbc, PgErrors errors) {
        this.target = target;
        this.jdbc = jdbc;
        this.errors = errors;
    }

    boolean exists(String name) {
        SqlNames.validated("database name", name);
        try (MaintenanceSession session = session()) {
            return session.databaseExists(name);
        }
    }

    List<String> list() {
        try (MaintenanceSession session = session()) {
            // Sorted here, not by ORDER BY, so the order does not depend on the server's collation.
            return session.strings("SELECT datname FROM pg_catalog.pg_database WHERE NOT datistemplate")
                .stream().sorted().toList();
        }
    }

    void create(String name) {
        String database = SqlNames.quoted("database name", name);
        String owner = SqlNames.quoted("database.user", target.user());
        try (MaintenanceSession session = session()) {
            if (session.databaseExists(name)) {
                throw RollbackException.refused("database " + name + " already exists at " + target.address()
                    + "; drop it first or choose another name");
            }
            session.execute("CREATE DATABASE " + database + " TEMPLATE template0 OWNER " + owner);
        }
        log.info("created database {} at {}", name, target.address());
    }

    void drop(String name) {
        String database = SqlNames.quoted("database name", name);
        // Case-insensitively: a near-miss of the live name is more likely a slip than a real scratch copy.
        if (name.toLowerCase(Locale.ROOT).equals(target.database().toLowerCase(Locale.ROOT))) {
            throw RollbackException.refused("database " + name + " is the live database (database.name) and is never"
                + " dropped by a rollback; restore into a scratch database and swap it in instead");
        }
        if (SqlNames.SYSTEM_DATABASES.contains(name)) {
            throw RollbackException.refused("database " + name + " is a system database and is never dropped");
        }
        try (MaintenanceSession session = session()) {
            session.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        log.info("dropped database {} at {} (if it existed)", name, target.address());
    }

    /**
     * The runbook's "drop and recreate" of the live database, for an explicit in-place restore
     * only: the caller holds a verified pre-restore backup. Sessions are ended by WITH (FORCE).
     */
    void recreateLive() {
        String database = SqlNames.quoted("database name", target.database());
        String owner = SqlNames.quoted("database.user", target.user());
        try (MaintenanceSession session = session()) {
            session.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            session.execute("CREATE DATABASE " + database + " TEMPLATE template0 OWNER " + owner);
        }
        log.warn("dropped and recreated the live database {} at {} (in-place restore)", target.database(),
            target.address());
    }

    List<String> tables(String database) {
        SqlNames.validated("database name", database);
        List<String> tables = new ArrayList<>();
        try (Connection connection = jdbc.connect(database); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PgJdbc.QUERY_TIMEOUT_SECONDS);
            try (ResultSet rows = statement.executeQuery(USER_TABLES)) {
                while (rows.next()) {
                    tables.add(rows.getString(1) + "." + rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw errors.queryFailed(e, PgJdbc.QUERY_TIMEOUT_SECONDS, database);
        }
        return tables.stream().sorted().toList();
    }

    Optional<String> queryFirstValue(String database, String sql) {
        return jdbc.queryFirstValue(SqlNames.validated("database name", database), sql);
    }

    private MaintenanceSession session() {
        return MaintenanceSession.open(jdbc, errors);
    }
}
