package dev.rollback.adapters.postgres;

import dev.rollback.core.Identity;
import dev.rollback.core.RollbackException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session-level advisory lock on one database, held by a session of its own for as long
 * as a run writes that database. The state-dir lock only excludes runs that share a state dir; this
 * one excludes every rollback run aimed at the same database on the same server, from any state dir
 * or machine.
 *
 * <p>The key is the two-integer form {@code (1919904876, crc32(database name) & 0x7fffffff)}: the
 * first is "roll" in ASCII, so the tool's locks are easy to find in {@code pg_locks} ({@code
 * locktype = 'advisory' AND classid = 1919904876 AND objsubid = 2}). A CRC collision between two
 * database names of one server would only make one restore wait for the other's.
 *
 * <p>The session is on the maintenance database, not on the database it locks: a restore renames
 * and drops that database, ending every session on it (ALTER ... RENAME, DROP ... WITH (FORCE)), and
 * the lock must survive that. It never waits ({@code pg_try_advisory_lock}); the server releases it
 * when the session ends, so a killed run leaves nothing behind. Its {@code application_name} says
 * who holds it (command, pid, user@host), which a refused run reads from {@code pg_stat_activity}.
 */
public final class DatabaseLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseLock.class);
    /** "roll" in ASCII: the first half of every key this tool locks. */
    static final int NAMESPACE = 0x726f6c6c;
    /** PostgreSQL keeps at most NAMEDATALEN - 1 bytes of an application_name. */
    private static final int APPLICATION_NAME_BYTES = 63;
    private static final String HOLDER = "SELECT a.application_name, coalesce(host(a.client_addr), 'a local socket'),"
        + " a.pid::text, to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        + " FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
        + " WHERE l.locktype = 'advisory' AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 2"
        + " AND l.granted LIMIT 1";

    private final Connection session;
    private final PgTarget target;
    private final int key;

    private DatabaseLock(Connection session, PgTarget target, int key) {
        this.session = session;
        this.target = target;
        this.key = key;
    }

    /** The lock's second key for {@code database}: its name's CRC-32, kept positive so pg_locks shows it as is. */
    static int keyOf(String database) {
        CRC32 crc = new CRC32();
        crc.update(database.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() & 0x7fffffff);
    }

    /** Takes the lock on the configured database, or throws exit 3 naming who holds it; never waits. */
    static DatabaseLock take(PgJdbc jdbc, PgErrors errors, PgTarget target, String command) {
        int key = keyOf(target.database());
        Connection session = jdbc.connectMaintenance();
        try {
            call(session, "SELECT pg_catalog.set_config('application_name', ?, false)", applicationName(command));
            if ("true".equals(call(session, "SELECT pg_catalog.pg_try_advisory_lock(?, ?)::text", NAMESPACE, key))) {
                log.info("locked database {} against other rollback runs (advisory lock {}, {})", target.database(),
                    NAMESPACE, key);
                return new DatabaseLock(session, target, key);
            }
            String holder = holder(session, key);
            closeQuietly(session);
            throw RollbackException.refused("database " + target.database() + " at " + target.address()
                + " is being restored by another rollback run (" + holder + "); wait for it to finish"
                + " (the lock ends with that run's session, also when it is killed)");
        } catch (SQLException e) {
            closeQuietly(session);
            throw errors.statementFailed("taking the advisory lock on database " + target.database(), e,
                PgJdbc.QUERY_TIMEOUT_SECONDS);
        }
    }

    /** "rollback db-restore pid 4711 ops@web-1", cut to what the server keeps. */
    static String applicationName(String command) {
        String name = "rollback " + command + " pid " + Identity.pid() + " " + Identity.user() + "@" + Identity.host();
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= APPLICATION_NAME_BYTES ? name
            : new String(bytes, 0, APPLICATION_NAME_BYTES, StandardCharsets.UTF_8).replace("\uFFFD", "");
    }

    /** Who holds the lock, as pg_stat_activity tells it; gone by now when it was released meanwhile. */
    private static String holder(Connection session, int key) throws SQLException {
        try (PreparedStatement query = session.prepareStatement(HOLDER)) {
            query.setQueryTimeout(PgJdbc.QUERY_TIMEOUT_SECONDS);
            query.setLong(1, NAMESPACE);
            query.setLong(2, key);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return "it has just released it: run again";
                }
                return "\"" + rows.getString(1) + "\" from " + rows.getString(2) + ", server pid " + rows.getString(3)
                    + ", connected since " + rows.getString(4);
            }
        }
    }

    private static String call(Connection session, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setQueryTimeout(PgJdbc.QUERY_TIMEOUT_SECONDS);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /** Releases the lock and ends its session (ending the session alone would release it too). */
    @Override
    public void close() {
        try {
            call(session, "SELECT pg_catalog.pg_advisory_unlock(?, ?)::text", NAMESPACE, key);
            log.info("released the advisory lock on database {}", target.database());
        } catch (SQLException e) {
            log.debug("unlock failed; closing the session releases the lock: {}", e.getMessage());
        } finally {
            closeQuietly(session);
        }
    }

    private static void closeQuietly(Connection session) {
        try {
            session.close();
        } catch (SQLException ignored) {
            // A broken session holds no lock on the server any more.
        }
    }

    @Override
    public String toString() {
        return "the advisory lock on database " + target.database();
    }
}
