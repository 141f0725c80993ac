package dev.rollback.adapters.postgres;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The stack's PostgreSQL database: JDBC for checks and queries, the client tools (pg_dump,
 * pg_restore, psql) through the process runner, on the host or inside the database container.
 * The password travels only as PGPASSWORD in a child's environment or in JDBC properties.
 * Unreachable server, wrong password: {@code RollbackException} exit 4, password never in the message.
 */
public interface Postgres {
    /** "merq at localhost:5432 (user merq)", for messages; never contains the password. */
    String describe();

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
}
