package dev.rollback.adapters.postgres;

import dev.rollback.adapters.process.ProcessResult;
import dev.rollback.adapters.process.ProcessSpec;
import dev.rollback.core.PrivateFiles;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pg_dump of the configured database to a file. Writes to {@code <target>.partial} and renames it
 * into place only after pg_dump succeeded, so a file with a backup's name is always a complete
 * dump. Never overwrites an existing file.
 */
final class PgDump {
    private static final Logger log = LoggerFactory.getLogger(PgDump.class);

    private final PgTarget target;
    private final PgErrors errors;
    private final Function<ProcessSpec, ProcessResult> runner;

    PgDump(PgTarget target, PgErrors errors, Function<ProcessSpec, ProcessResult> runner) {
        this.target = target;
        this.errors = errors;
        this.runner = runner;
    }

    void dump(Path file, DumpFormat format, ToolsLocation location) {
        if (format == DumpFormat.DIRECTORY && location.inContainer()) {
            throw RollbackException.refused("a directory-format dump cannot be written by the tools in container "
                + location.container() + " (the directory would land inside the container); use the custom format"
                + " or set database.tools: host");
        }
        Path output = file.toAbsolutePath();
        if (Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
            throw RollbackException.refused(output + " already exists; a backup is never overwritten");
        }
        if (!Files.isDirectory(output.getParent())) {
            throw RollbackException.refused("backup directory " + output.getParent() + " does not exist");
        }
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        deleteRecursively(partial);
        try {
            createOwnerOnly(partial, format);
            ProcessResult result = runner.apply(PgCommands.at(target, location).dump(format, partial));
            if (!result.succeeded()) {
                throw errors.toolFailed("pg_dump", result);
            }
            Files.move(partial, output, StandardCopyOption.ATOMIC_MOVE);
            log.info("dumped {} to {} ({} format, {})", target.describe(), output, format.wire(), location.describe());
        } catch (IOException e) {
            discard(partial);
            throw RollbackException.failed("cannot write the dump " + output + ": " + e.getMessage());
        } catch (RuntimeException e) {
            discard(partial);
            throw e;
        }
    }

    /**
     * The dump holds the whole database: its partial file (0600) or directory (0700) exists before
     * pg_dump writes a byte, so it is never wider whatever the umask. pg_dump fills an existing
     * empty directory, and the redirect of stdout truncates the file and keeps its mode.
     */
    private static void createOwnerOnly(Path partial, DumpFormat format) throws IOException {
        if (format == DumpFormat.DIRECTORY) {
            PrivateFiles.createDirectory(partial);
        } else {
            PrivateFiles.createFile(partial);
        }
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
