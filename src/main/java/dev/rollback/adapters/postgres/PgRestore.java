package dev.rollback.adapters.postgres;

import dev.rollback.adapters.process.ProcessResult;
import dev.rollback.adapters.process.ProcessSpec;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a dump into an existing database with the client tools, wherever they run: psql for
 * plain SQL (streamed in, all or nothing, see {@link PlainDumpInput}), pg_restore for archives
 * (in parallel where pg_restore allows it). Restores go into a scratch database; the caller swaps
 * it in, or drops it after a failure.
 */
final class PgRestore {
    private static final Logger log = LoggerFactory.getLogger(PgRestore.class);
    /** The first bytes of a custom-format archive; tar archives have none such. */
    private static final byte[] CUSTOM_MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);

    private final PgTarget target;
    private final PgErrors errors;
    private final Supplier<ToolsLocation> tools;
    private final Function<ProcessSpec, ProcessResult> runner;
    private final Predicate<String> databaseExists;
    private final Runnable requireRestrictedPsql;
    private final SecureRandom random = new SecureRandom();

    PgRestore(PgTarget target, PgErrors errors, Supplier<ToolsLocation> tools,
              Function<ProcessSpec, ProcessResult> runner, Predicate<String> databaseExists,
              Runnable requireRestrictedPsql) {
        this.target = target;
        this.errors = errors;
        this.tools = tools;
        this.runner = runner;
        this.databaseExists = databaseExists;
        this.requireRestrictedPsql = requireRestrictedPsql;
    }

    /**
     * psql in restricted mode, under a key drawn for this restore alone (see {@link PlainDumpInput}).
     * A dump the {@code filter} rejects on the way in is refused (exit 3) with the filter's reason.
     */
    void plain(Path dump, String database, boolean gzip, PlainDumpFilter filter) {
        requireReadableFile(dump);
        requireDatabase(database);
        requireRestrictedPsql.run();
        ToolsLocation location = tools.get();
        PlainDumpInput input = new PlainDumpInput(dump, gzip, filter, restrictKey());
        ProcessSpec psql = PgCommands.at(target, location).runScriptFromStdin(database).stdinFrom(input);
        long started = System.nanoTime();
        ProcessResult result;
        try {
            result = run(psql, dump, database);
        } catch (RollbackException e) {
            if (input.rejection() != null) {
                throw new RollbackException(ExitCode.REFUSED, input.rejection().getMessage(), e);
            }
            throw e;
        }
        if (!result.succeeded()) {
            throw errors.restoreFailed("psql", database, dump, new ProcessResult(result.exitCode(), result.stdout(),
                PlainDumpInput.dumpLineNumbers(result.stderrTail())));
        }
        log.info("restored {} into database {} with psql ({}{}, {} ms)", dump, database, location.describe(),
            gzip ? ", decompressed on the fly" : "", (System.nanoTime() - started) / 1_000_000);
    }

    void archive(Path dump, String database, int jobs) {
        if (jobs < 1) {
            throw RollbackException.usage("the number of restore jobs must be at least 1, got " + jobs);
        }
        if (!Files.exists(dump)) {
            throw RollbackException.refused("archive " + dump + " does not exist");
        }
        requireDatabase(database);
        ToolsLocation location = tools.get();
        boolean directory = Files.isDirectory(dump);
        if (directory && location.inContainer()) {
            throw RollbackException.refused("directory-format archive " + dump + " cannot be streamed to the tools in"
                + " container " + location.container() + "; set database.tools: host to restore it");
        }
        int workers = workers(dump, directory, location, jobs);
        long started = System.nanoTime();
        ProcessResult result = run(PgCommands.at(target, location).restoreArchive(database, dump, workers), dump, database);
        if (!result.succeeded()) {
            throw errors.restoreFailed("pg_restore", database, dump, result);
        }
        log.info("restored {} into database {} with pg_restore ({}, {} job{}, {} ms)", dump, database,
            location.describe(), workers, workers == 1 ? "" : "s", (System.nanoTime() - started) / 1_000_000);
    }

    /** 40 letters and digits from SecureRandom: a dump cannot guess it to lift the restriction. */
    private String restrictKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder key = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    /** Failures of the run itself (timeout, input cut) get the restore's context; exit 4 and 130 pass as they are. */
    private ProcessResult run(ProcessSpec spec, Path dump, String database) {
        try {
            return runner.apply(spec);
        } catch (RollbackException e) {
            if (e.exitCode() != ExitCode.FAILED) {
                throw e;
            }
            throw new RollbackException(ExitCode.FAILED, "restoring " + dump + " into database " + database
                + " failed: " + e.getMessage(), e);
        }
    }

    /** The jobs pg_restore can use: parallel restore needs a file it can seek in, custom or directory format. */
    private int workers(Path dump, boolean directory, ToolsLocation location, int jobs) {
        if (jobs == 1) {
            return 1;
        }
        if (location.inContainer()) {
            log.info("pg_restore in container {} reads the archive from stdin, where --jobs cannot be used:"
                + " restoring with 1 job instead of {}", location.container(), jobs);
            return 1;
        }
        if (!directory && !isCustomFormat(dump)) {
            log.info("{} is not a custom-format archive (tar?), which pg_restore cannot restore in parallel:"
                + " restoring with 1 job instead of {}", dump, jobs);
            return 1;
        }
        return jobs;
    }

    private static boolean isCustomFormat(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(CUSTOM_MAGIC.length), CUSTOM_MAGIC);
        } catch (IOException e) {
            throw RollbackException.refused("archive " + file + " is unreadable: " + e.getMessage());
        }
    }

    private static void requireReadableFile(Path dump) {
        if (!Files.isRegularFile(dump) || !Files.isReadable(dump)) {
            throw RollbackException.refused("dump " + dump + " does not exist or is not a readable file");
        }
    }

    /** Checked first: the tools would report a missing database like an unreachable server. */
    private void requireDatabase(String database) {
        if (!databaseExists.test(database)) {
            throw RollbackException.refused("database " + database + " does not exist at " + target.address()
                + "; create it before restoring into it");
        }
    }
}
