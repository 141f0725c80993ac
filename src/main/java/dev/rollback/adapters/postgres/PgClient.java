package dev.rollback.adapters.postgres;

import dev.rollback.adapters.process.ProcessResult;
import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.adapters.process.ProcessSpec;
import dev.rollback.core.RollbackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link Postgres}: JDBC for checks, queries and whole-database statements, pg_dump,
 * pg_restore and psql on the host or in the database container for dumps, archive checks and
 * restores. Where the tools run is decided once, on first use, because it needs the server's
 * version. The work itself is done by small helpers: {@link PgDump}, {@link PgRestore},
 * {@link PgDatabases} and {@link DatabaseSwap}.
 */
public final class PgClient implements Postgres {
    private static final Logger log = LoggerFactory.getLogger(PgClient.class);

    private final PgTarget target;
    private final ProcessRunner runner;
    private final PgErrors errors;
    private final PgJdbc jdbc;
    private final PgDump dumps;
    private final PgRestore restores;
    private final PgDatabases databases;
    private final DatabaseSwap swaps;
    private ToolsLocation tools;
    private boolean restrictedPsql;

    public PgClient(PgTarget target, ProcessRunner runner) {
        this.target = target;
        this.runner = runner;
        this.errors = new PgErrors(target);
        this.jdbc = new PgJdbc(target, errors);
        this.databases = new PgDatabases(target, jdbc, errors);
        this.dumps = new PgDump(target, errors, this::run);
        this.restores = new PgRestore(target, errors, this::tools, this::run, databases::exists,
            this::requireRestrictedPsql);
        this.swaps = new DatabaseSwap(target, jdbc, errors);
    }

    @Override
    public String describe() {
        return target.describe();
    }

    @Override
    public Replication replication() {
        return new PgReplication(target, jdbc, errors, runner, this::tools);
    }

    @Override
    public String databaseName() {
        return target.database();
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
    public Optional<String> queryFirstValue(String database, String sql) {
        return databases.queryFirstValue(database, sql);
    }

    @Override
    public java.util.OptionalLong estimatedRows(String table, long cap) {
        return new PgTableRows(jdbc, errors, target.database()).estimate(table, cap);
    }

    @Override
    public DatabaseLock lockDatabase(String command) {
        return DatabaseLock.take(jdbc, errors, target, command);
    }

    @Override
    public int analyze(String database, List<String> tables, java.time.Duration bound) {
        return new PgTableRows(jdbc, errors, SqlNames.validated("database name", database)).analyze(tables, bound);
    }

    @Override
    public RowCount countRows(String database, String table, java.time.Duration bound) {
        return new PgTableRows(jdbc, errors, SqlNames.validated("database name", database)).count(table, bound);
    }

    @Override
    public boolean databaseExists(String name) {
        return databases.exists(name);
    }

    @Override
    public List<String> databases() {
        return databases.list();
    }

    @Override
    public void createDatabase(String name) {
        databases.create(name);
    }

    @Override
    public void dropDatabase(String name) {
        databases.drop(name);
    }

    @Override
    public void recreateLiveDatabase() {
        databases.recreateLive();
    }

    @Override
    public List<String> tables(String database) {
        return databases.tables(database);
    }

    @Override
    public void restorePlain(Path dump, String database, boolean gzip, PlainDumpFilter filter) {
        restores.plain(dump, database, gzip, filter);
    }

    /**
     * The psql where the tools run must know {@code \restrict}: without it a meta-command the scan
     * missed would run. Refused rather than run on the scan alone: the restore is the one moment
     * a dump's content reaches a shell, and a newer psql is one package away.
     */
    @Override
    public synchronized void requireRestrictedPsql() {
        if (restrictedPsql) {
            return;
        }
        ToolsLocation location = tools();
        ProcessResult result = run(PgCommands.at(target, location).psqlVersion());
        if (!result.succeeded()) {
            throw errors.toolFailed("psql --version", result);
        }
        Optional<ToolVersion> version = ToolVersion.parse(result.stdout());
        String where = location.inContainer() ? "in container " + location.container() : "on this machine";
        if (version.isEmpty() || !version.get().hasRestrictedMode()) {
            throw RollbackException.refused("psql " + version.map(ToolVersion::text).orElse("(unknown version)") + " "
                + where + " has no restricted mode (\\restrict, psql 13.22, 14.19, 15.14, 16.10, 17.6 or newer), which"
                + " keeps a plain dump from running psql meta-commands; install a newer PostgreSQL client"
                + (location.inContainer() ? " in the container" : "") + " or restore a custom-format (-Fc) dump;"
                + " nothing was changed");
        }
        restrictedPsql = true;
    }

    @Override
    public void restoreArchive(Path dump, String database, int jobs) {
        restores.archive(dump, database, jobs);
    }

    @Override
    public SwapResult swap(String live, String scratch, String keptOld) {
        return swaps.run(live, scratch, keptOld, DatabaseSwap.Roles.SWAP);
    }

    @Override
    public SwapResult undoSwap(String live, String keptOld, String failedName) {
        return swaps.run(live, keptOld, failedName, DatabaseSwap.Roles.UNDO);
    }

    @Override
    public String toolsLocation() {
        return tools().describe();
    }

    @Override
    public void dump(Path file, DumpFormat format) {
        dumps.dump(file, format, tools());
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
}
