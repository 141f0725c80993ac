package dev.rollback.adapters.postgres;

import dev.rollback.adapters.process.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the argv and environment of pg_dump, pg_restore, psql, pg_basebackup and pg_receivewal, on the host or through
 * {@code docker exec} in the database container. The password is never in an argv: on the host it
 * is PGPASSWORD in the tool's environment; in the container it is PGPASSWORD in the docker CLI's
 * environment, forwarded by a bare {@code -e PGPASSWORD} (no value), so neither the docker CLI's
 * nor the tool's command line shows it.
 *
 * <p>Options use the {@code --name=value} form so that no value can be read as another option.
 * {@code --no-password} makes a tool fail instead of prompting when the password is missing or wrong.
 */
final class PgCommands {
    static final Duration DUMP_TIMEOUT = Duration.ofHours(6);
    static final Duration FULL_READ_TIMEOUT = Duration.ofHours(6);
    static final Duration RESTORE_TIMEOUT = Duration.ofHours(6);
    static final Duration LIST_TIMEOUT = Duration.ofSeconds(60);
    static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    static final Duration BASE_BACKUP_TIMEOUT = Duration.ofHours(12);
    static final Duration REPLICATION_PROBE_TIMEOUT = Duration.ofSeconds(30);
    /** pg_receivewal runs until it is stopped ({@code ProcessRunner.runUntil} ignores the timeout). */
    static final Duration UNTIL_STOPPED = Duration.ofDays(36500);

    /** Inside the container the server listens on loopback; the published host port does not apply there. */
    private static final String CONTAINER_HOST = "127.0.0.1";
    private static final Path DEV_NULL = Path.of("/dev/null");

    private final PgTarget target;
    private final boolean inContainer;

    private PgCommands(PgTarget target, boolean inContainer) {
        this.target = target;
        this.inContainer = inContainer;
    }

    static PgCommands onHost(PgTarget target) {
        return new PgCommands(target, false);
    }

    static PgCommands inContainer(PgTarget target) {
        if (!target.hasContainer()) {
            throw new IllegalStateException("no database container configured");
        }
        return new PgCommands(target, true);
    }

    static PgCommands at(PgTarget target, ToolsLocation location) {
        return location.inContainer() ? inContainer(target) : onHost(target);
    }

    boolean runsInContainer() {
        return inContainer;
    }

    /** {@code pg_dump --version}: the client version, no server needed. */
    ProcessSpec pgDumpVersion() {
        return offline(List.of("pg_dump", "--version"), VERSION_TIMEOUT);
    }

    /** {@code psql --version}: the psql that runs plain restores must know {@code \restrict}. */
    ProcessSpec psqlVersion() {
        return offline(List.of("psql", "--version"), VERSION_TIMEOUT);
    }

    /**
     * pg_dump of the target database. File formats go to stdout, which the caller redirects to
     * {@code output}; the directory format cannot be a stream, so pg_dump writes {@code output}
     * itself (host only: in the container the directory would land inside the container).
     */
    ProcessSpec dump(DumpFormat format, Path output) {
        List<String> args = new ArrayList<>(List.of("pg_dump"));
        args.addAll(connection());
        args.add("--format=" + format.flag());
        if (format == DumpFormat.DIRECTORY) {
            if (inContainer) {
                throw new IllegalStateException("directory-format dumps cannot be written through docker exec");
            }
            args.add("--file=" + output.toAbsolutePath());
        }
        args.add("--dbname=" + target.database());
        ProcessSpec spec = online(args, DUMP_TIMEOUT);
        // The directory format's files are created by pg_dump itself, with its umask: run it under 077.
        return format == DumpFormat.DIRECTORY ? spec.withOwnerOnlyFiles() : spec.stdoutTo(output);
    }

    /** {@code pg_restore --list}: the archive's table of contents; reads only the TOC. */
    ProcessSpec listArchive(Path archive) {
        return readArchive(List.of("pg_restore", "--list"), archive, LIST_TIMEOUT);
    }

    /**
     * Reads the whole archive, data included, and discards the SQL it would run. A truncated
     * custom-format file still has a readable TOC, so only this full read proves it complete.
     */
    ProcessSpec readWholeArchive(Path archive) {
        return readArchive(List.of("pg_restore", "--file=" + DEV_NULL), archive, FULL_READ_TIMEOUT);
    }

    /**
     * psql running the SQL script it reads on stdin against {@code database}, stopping at the first
     * error. It gets no {@code --single-transaction}: psql would COMMIT at the end of its input even
     * when that input ended early (a cut gzip stream, a killed docker exec), so the caller writes
     * BEGIN and COMMIT into the stream itself. Its chatter goes to /dev/null; errors to stderr.
     */
    ProcessSpec runScriptFromStdin(String database) {
        List<String> args = new ArrayList<>(List.of("psql"));
        args.addAll(connection());
        // -X: ignore ~/.psqlrc, whose settings could change how the dump runs.
        args.addAll(List.of("-X", "--quiet", "--set=ON_ERROR_STOP=1", "--dbname=" + database, "--file=-"));
        return online(args, RESTORE_TIMEOUT).stdoutTo(DEV_NULL);
    }

    /**
     * pg_restore of a custom, tar or directory archive into {@code database}, stopping at the first
     * error. Objects get the connecting user as owner and no grants: the scratch database is ours,
     * and the dump's roles may not exist on this server. On the host pg_restore opens the archive
     * and may run {@code jobs} workers; in the container it reads the archive from stdin, where
     * parallel restore is impossible, so {@code jobs} must be 1 there.
     */
    ProcessSpec restoreArchive(String database, Path archive, int jobs) {
        if (jobs < 1 || (inContainer && jobs > 1)) {
            throw new IllegalArgumentException("jobs " + jobs + (inContainer ? " through docker exec" : ""));
        }
        List<String> args = new ArrayList<>(List.of("pg_restore"));
        args.addAll(connection());
        args.addAll(List.of("--exit-on-error", "--no-owner", "--no-acl"));
        if (jobs > 1) {
            args.add("--jobs=" + jobs);
        }
        args.add("--dbname=" + database);
        if (inContainer) {
            return online(args, RESTORE_TIMEOUT).stdinFrom(archive);
        }
        args.add(archive.toAbsolutePath().toString());
        return online(args, RESTORE_TIMEOUT);
    }

    /**
     * pg_basebackup of the whole cluster as one gzipped tar on stdout, which the caller redirects to
     * {@code output}: {@code -X fetch} puts the WAL the backup needs to be consistent inside the tar, so
     * it restores even without the archive; {@code --checkpoint=fast} starts at once instead of after
     * a spread checkpoint; {@code --verbose} prints the start and end WAL positions (stderr), which
     * the caller reads. Streaming to stdout works the same through docker exec.
     */
    ProcessSpec baseBackup(Path output) {
        List<String> args = new ArrayList<>(List.of("pg_basebackup"));
        args.addAll(connection());
        args.addAll(List.of("--pgdata=-", "--format=tar", "--gzip", "--wal-method=fetch", "--checkpoint=fast",
            "--label=rollback", "--verbose"));
        return online(args, BASE_BACKUP_TIMEOUT).stdoutTo(output);
    }

    /**
     * A replication connection that only asks the server who it is ({@code IDENTIFY_SYSTEM}): proves
     * that pg_hba.conf lets this user in for replication from where the tools run.
     */
    ProcessSpec identifySystem() {
        List<String> args = new ArrayList<>(List.of("psql"));
        args.addAll(connection());
        // A conninfo as the database name: psql keeps host, port and user, and asks for a physical
        // replication connection.
        args.addAll(List.of("-X", "--no-align", "--tuples-only", "--dbname=replication=true",
            "--command=IDENTIFY_SYSTEM"));
        return online(args, REPLICATION_PROBE_TIMEOUT);
    }

    /**
     * pg_receivewal streaming into {@code directory} through {@code slot}, flushing each write
     * ({@code --synchronous}: what the server sees as written is on this disk), exiting on a lost
     * connection ({@code --no-loop}) so that the caller restarts it and says so. Its segments are
     * created under umask 077. Host only: in the container the files would land inside it.
     */
    ProcessSpec receiveWal(Path directory, String slot) {
        if (inContainer) {
            throw new IllegalStateException("pg_receivewal through docker exec would write inside the container");
        }
        List<String> args = new ArrayList<>(List.of("pg_receivewal"));
        args.addAll(connection());
        args.addAll(List.of("--directory=" + directory.toAbsolutePath(), "--slot=" + slot, "--synchronous",
            "--no-loop"));
        return online(args, UNTIL_STOPPED).withOwnerOnlyFiles();
    }

    /** On the host pg_restore opens the file; in the container it reads the file from stdin. */
    private ProcessSpec readArchive(List<String> tool, Path archive, Duration timeout) {
        if (!inContainer) {
            List<String> args = new ArrayList<>(tool);
            args.add(archive.toAbsolutePath().toString());
            return offline(args, timeout);
        }
        return offline(tool, timeout).stdinFrom(archive);
    }

    private List<String> connection() {
        String host = inContainer ? CONTAINER_HOST : target.host();
        int port = inContainer ? target.containerPort() : target.port();
        return List.of("--host=" + host, "--port=" + port, "--username=" + target.user(), "--no-password");
    }

    /** A tool that talks to the server: it gets the password. */
    private ProcessSpec online(List<String> tool, Duration timeout) {
        boolean withPassword = target.password() != null;
        ProcessSpec spec = ProcessSpec.of(wrap(tool, withPassword), timeout);
        return withPassword ? spec.withEnvironment(Map.of("PGPASSWORD", target.password())) : spec;
    }

    /** A tool that only reads files or prints its version: it gets no password at all. */
    private ProcessSpec offline(List<String> tool, Duration timeout) {
        return ProcessSpec.of(wrap(tool, false), timeout);
    }

    private List<String> wrap(List<String> tool, boolean forwardPassword) {
        if (!inContainer) {
            return tool;
        }
        // -i keeps stdin open so archives and scripts can be streamed in; no -t, which would
        // mangle binary output and merge stderr into stdout.
        List<String> argv = new ArrayList<>(List.of("docker", "exec", "-i"));
        if (forwardPassword) {
            argv.addAll(List.of("-e", "PGPASSWORD"));
        }
        argv.add(target.container());
        argv.addAll(tool);
        return argv;
    }
}
