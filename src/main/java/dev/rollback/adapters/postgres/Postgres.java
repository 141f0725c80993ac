package dev.rollback.adapters.postgres;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The stack's PostgreSQL database: JDBC for checks and queries, the client tools (pg_dump,
 * pg_restore, psql) through the process runner, on the host or inside the database container.
 * The password travels only as PGPASSWORD in a child's environment or in JDBC properties.
 * Unreachable server, wrong password: {@code RollbackException} exit 4, password never in the message.
 *
 * <p>Database names passed in are validated ({@code Names.requireSqlName}, exit 2 when invalid) and
 * quoted in SQL, so they are case-sensitive. A failed precondition (a database that must exist does
 * not, or one that must not exists) is exit 3; a statement or restore the server rejects is exit 1
 * with the server's or the tool's one-line message.
 */
public interface Postgres {
    /** "merq at localhost:5432 (user merq)", for messages; never contains the password. */
    String describe();

    /** The configured database's name, e.g. merq: the label its backups carry by default. */
    String databaseName();

    /**
     * Continuous archiving's side of this server: its readiness, base backups, the archiver's slot and
     * pg_receivewal. Only the real client has it.
     */
    default Replication replication() {
        throw new UnsupportedOperationException("no replication for " + describe());
    }

    /** Connects and runs {@code select 1}. */
    void ping();

    /** The server's major version, e.g. 15. */
    int serverMajorVersion();

    /** The first column of the first row of a query, as text; empty when no row. */
    Optional<String> queryFirstValue(String sql);

    /** Where the client tools run, e.g. "host pg_dump 15.18" or "container merq-postgres (pg_dump 15.18)". */
    String toolsLocation();

    /** pg_dump of the database to {@code target} in the given format; streams, never buffers. */
    void dump(Path target, DumpFormat format);

    /**
     * {@code pg_restore --list} of an archive (custom or tar, or a directory): its TOC entries,
     * without the comment header. Cheap, but a truncated custom archive still lists its TOC: use
     * {@link #readArchive} before trusting one. Unreadable: exit 3.
     */
    List<String> listArchive(Path archive);

    /**
     * Reads an archive to its end ({@code pg_restore --file=/dev/null}): a truncated archive still
     * lists its table of contents, only a full read finds the cut. Unreadable → exit 3.
     */
    void readArchive(Path archive);

    /**
     * Roughly how many rows {@code table} ({@code users}, {@code public."Users"}) of the configured
     * database holds: the planner's estimate, or for a table never analysed its rows counted up to
     * {@code cap}. Empty when there is no such table. For judging whether an index build locks a
     * large table; never exact.
     */
    java.util.OptionalLong estimatedRows(String table, long cap);

    /**
     * Locks the configured database against every other rollback run aimed at it, from any state dir
     * or machine, until the returned lock is closed ({@link DatabaseLock}: a PostgreSQL advisory lock
     * held by a session of its own on the maintenance database). Never waits: held by another run →
     * exit 3 naming it. {@code command} names the holder for the runs it refuses.
     */
    DatabaseLock lockDatabase(String command);

    /**
     * Refreshes the planner's statistics ({@code ANALYZE}) of {@code tables} ("schema.table") of
     * {@code database}, one after another, until {@code bound} is spent; returns how many were
     * analysed. ANALYZE samples a fixed number of rows, so each table costs about the same whatever
     * its size. For a restored copy, which has no statistics yet.
     */
    int analyze(String database, List<String> tables, java.time.Duration bound);

    /**
     * The rows of {@code table} ("schema.table") of {@code database}: counted when the count
     * finishes within {@code bound} (the server cancels it then; a zero bound does not try), else the
     * planner's estimate, else "not counted". Never fails for a slow count.
     */
    RowCount countRows(String database, String table, java.time.Duration bound);

    /** Whether a database of this name exists on the server (templates included). */
    boolean databaseExists(String name);

    /** The server's databases, templates left out, sorted by name. */
    List<String> databases();

    /**
     * {@code CREATE DATABASE "name" TEMPLATE template0 OWNER "<user>"}: an empty database owned by the
     * configured user, from the pristine template so nothing added to template1 leaks into a
     * restore. Exit 3 if it already exists.
     */
    void createDatabase(String name);

    /**
     * {@code DROP DATABASE IF EXISTS "name" WITH (FORCE)}: ends its sessions and drops it; a missing
     * database is not an error. Refuses (exit 3) the configured live database and the system
     * databases (postgres, template0, template1).
     */
    void dropDatabase(String name);

    /**
     * The runbook's in-place restore preparation: drops the configured live database (ending its
     * sessions) and creates it empty. Only for {@code db-restore --in-place}, after a verified
     * pre-restore backup; until the restore completes there is no usable database.
     */
    void recreateLiveDatabase();

    /** The user tables of {@code database} as "schema.table", sorted. Exit 3 if the database does not exist. */
    List<String> tables(String database);

    /** As {@link #queryFirstValue(String)}, on another database of the same server (e.g. a restored scratch copy). */
    Optional<String> queryFirstValue(String database, String sql);

    /**
     * Runs a plain SQL dump into the existing {@code database} with psql in restricted mode (no
     * meta-command can run), all or nothing, with the {@code skip} lines left out: it stops at
     * the first error and nothing of the dump stays. The dump is streamed to psql's stdin (host or
     * container alike), decompressed on the way when {@code gzip}; it is never held in memory.
     * A SQL error is exit 1 with psql's error line; the database is left for the caller to drop.
     */
    default void restorePlain(Path dump, String database, boolean gzip, LinesToSkip skip) {
        restorePlain(dump, database, gzip, PlainDumpFilter.skipping(skip));
    }

    /**
     * As {@link #restorePlain(Path, String, boolean, LinesToSkip)}, the dump's SQL passing through
     * {@code filter} on its way to psql: a filter that checks the dump as it streams stops it at the
     * first bad line ({@link DumpRejected}), before psql receives it; nothing of the dump is then
     * committed, and the restore is refused (exit 3) with the filter's reason.
     */
    void restorePlain(Path dump, String database, boolean gzip, PlainDumpFilter filter);

    /**
     * Checks that the psql the tools run with has restricted mode ({@code \restrict}), which plain
     * restores run under so that no psql meta-command in a dump can run. Exit 3 when it has not.
     */
    void requireRestrictedPsql();

    /**
     * {@code pg_restore --exit-on-error --no-owner --no-acl} of a custom, tar or directory archive
     * into the existing {@code database}, with {@code jobs} parallel workers where pg_restore allows
     * it (host tools, custom or directory format; otherwise 1, with a log line saying why). Not atomic:
     * on failure (exit 1, pg_restore's error line) the database holds part of the archive and is left
     * for the caller to drop. A directory archive needs the host's tools (exit 3 otherwise).
     */
    void restoreArchive(Path dump, String database, int jobs);

    /**
     * Puts {@code scratch} in place of {@code live}: live is renamed to {@code keptOld} (kept for an
     * undo, connections allowed) and scratch to live. Sessions on both databases are ended first,
     * and neither accepts new ones until the renames are committed, together. Exit 3, with nothing
     * changed, if live or scratch does not exist or keptOld does; on any failure the live name still
     * names a database that accepts connections.
     */
    SwapResult swap(String live, String scratch, String keptOld);

    /**
     * Reverses a {@link #swap}: {@code live} (the restored database) is renamed to
     * {@code failedName} and {@code keptOld} back to live, with the same session handling and the
     * same guarantees. Exit 3 if keptOld does not exist or failedName does.
     */
    SwapResult undoSwap(String live, String keptOld, String failedName);
}
