package dev.rollback.adapters.postgres;

import dev.rollback.adapters.process.ProcessResult;
import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.adapters.process.ProcessSpec;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link Postgres}: JDBC for checks and queries, pg_dump and pg_restore on the host or in
 * the database container for dumps and archive checks. Where the tools run is decided once, on
 * first use, because it needs the server's version.
 */
public final class PgClient implements Postgres {
    private static final Logger log = LoggerFactory.getLogger(PgClient.class);

    private final PgTarget target;
    private final ProcessRunner runner;
    private final PgErrors errors;
    private final PgJdbc jdbc;
    private ToolsLocation tools;

    public PgClient(PgTarget target, ProcessRunner runner) {
        this.target = target;
        this.runner = runner;
        this.errors = new PgErrors(target);
        this.jdbc = new PgJdbc(target, errors);
    }

    @Override
    public String describe() {
        return target.describe();
    }

    @Override
    public void ping() {
        jdbc.ping();
    }

    @Override
    public int serverMajorVersion() {
        return jdbc.serverMajorVersion();
    }

    @Override
    public Optional<String> queryFirstValue(String sql) {
        return jdbc.queryFirstValue(sql);
    }

    @Override
    public String toolsLocation() {
        return tools().describe();
    }

    /**
     * Writes to {@code <target>.partial} and renames it into place only after pg_dump succeeded,
     * so a file with a backup's name is always a complete dump. Never overwrites an existing file.
     */
    @Override
    public void dump(Path target, DumpFormat format) {
        ToolsLocation location = tools();
        if (format == DumpFormat.DIRECTORY && location.inContainer()) {
            throw RollbackException.refused("a directory-format dump cannot be written by the tools in container "
                + location.container() + " (the directory would land inside the container); use the custom format"
                + " or set database.tools: host");
        }
        Path output = target.toAbsolutePath();
        if (Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
            throw RollbackException.refused(output + " already exists; a backup is never overwritten");
        }
        if (!Files.isDirectory(output.getParent())) {
            throw RollbackException.refused("backup directory " + output.getParent() + " does not exist");
        }
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        deleteRecursively(partial);
        try {
            ProcessResult result = run(PgCommands.at(this.target, location).dump(format, partial));
            if (!result.succeeded()) {
                throw errors.toolFailed("pg_dump", result);
            }
            Files.move(partial, output, StandardCopyOption.ATOMIC_MOVE);
            log.info("dumped {} to {} ({} format, {})", this.target.describe(), output, format.wire(), location.describe());
        } catch (IOException e) {
            discard(partial);
            throw RollbackException.failed("cannot move the finished dump to " + output + ": " + e.getMessage());
        } catch (RuntimeException e) {
            discard(partial);
            throw e;
        }
    }

    /**
     * The archive's TOC entries (comment lines left out). The archive is also read to its end: a
     * truncated custom-format file still lists its TOC, and a backup that only looks complete
     * must be refused before anything is restored from it.
     */
    @Override
    public List<String> listArchive(Path archive) {
        ProcessResult toc = run(archiveCommands(archive).listArchive(archive));
        requireReadable(archive, toc, "is unreadable");
        return toc.stdout().lines().filter(line -> !line.isBlank() && !line.startsWith(";")).toList();
    }

    @Override
    public void readArchive(Path archive) {
        requireReadable(archive, run(archiveCommands(archive).readWholeArchive(archive)), "is truncated or corrupt");
    }

    private PgCommands archiveCommands(Path archive) {
        if (!Files.exists(archive)) {
            throw RollbackException.refused("archive " + archive + " does not exist");
        }
        ToolsLocation location = tools();
        if (Files.isDirectory(archive) && location.inContainer()) {
            throw RollbackException.refused("directory-format archive " + archive + " cannot be streamed to the tools in"
                + " container " + location.container() + "; set database.tools: host to check it");
        }
        return PgCommands.at(target, location);
    }

    /** pg_restore complaining means a bad archive (exit 3); anything else is docker or the tool failing. */
    private void requireReadable(Path archive, ProcessResult result, String problem) {
        if (result.succeeded()) {
            return;
        }
        if (!result.stderrTail().contains("pg_restore:")) {
            throw errors.toolFailed("pg_restore", result);
        }
        throw RollbackException.refused("archive " + archive + " " + problem + ": " + PgErrors.errorLine(result)
            + "; do not restore from it");
    }

    private synchronized ToolsLocation tools() {
        if (tools == null) {
            tools = new ToolsLocator(target, this::probePgDump, jdbc::serverMajorVersion).locate();
            log.debug("PostgreSQL client tools: {}", tools.describe());
        }
        return tools;
    }

    /** Runs {@code pg_dump --version}; empty when there is no pg_dump to run. */
    private Optional<ToolVersion> probePgDump(boolean inContainer) {
        PgCommands commands = inContainer ? PgCommands.inContainer(target) : PgCommands.onHost(target);
        ProcessResult result;
        try {
            result = run(commands.pgDumpVersion());
        } catch (RollbackException e) {
            if (inContainer) {
                throw e; // the docker CLI itself is missing: that is not "no pg_dump in the container"
            }
            return Optional.empty();
        }
        if (result.succeeded()) {
            return ToolVersion.parse(result.stdout());
        }
        // docker exec reports 126/127 when the command is missing or not executable in the container.
        if (!inContainer || result.exitCode() == 126 || result.exitCode() == 127) {
            return Optional.empty();
        }
        throw errors.toolFailed("docker exec", result);
    }

    private ProcessResult run(ProcessSpec spec) {
        // argv holds no secret (PgCommands keeps the password in the environment), so it may be logged.
        log.debug("running {}", spec.argv());
        return runner.run(spec);
    }

    /** Cleanup after a failure: a leftover must not hide the failure that caused it. */
    private static void discard(Path partial) {
        try {
            deleteRecursively(partial);
        } catch (RollbackException e) {
            log.warn(e.getMessage());
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw RollbackException.failed("cannot remove the unfinished dump " + path + ": " + e.getMessage());
        }
    }
}
