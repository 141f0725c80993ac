package dev.rollback.backup;

import dev.rollback.core.PrivateFiles;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The backups directory. Names follow the runbook ({@code merq_20240101_020000.sql},
 * {@code pre_restore_20240101_020000.sql}, {@code merq_pgdata_20240101_020000.tar.gz} for a volume,
 * {@code merq-config_20240101_020000.files/} for a config snapshot); a file is written under a hidden temporary name and
 * renamed into place only after it was verified, so a listed backup is never half-written.
 */
public final class BackupStore {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final Pattern NAME =
        Pattern.compile("(?<label>.+)_(?<stamp>\\d{8}_\\d{6})(?<ext>\\.sql|\\.sql\\.gz|\\.dump|\\.tar|\\.dir|\\.tar\\.gz|\\.files)");

    private final Path dir;
    private final Clock clock;

    public BackupStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** Refuses (exit 3) unless the directory exists and a file can be created in it. */
    public void requireWritable() {
        if (!Files.isDirectory(dir)) {
            throw RollbackException.refused("backups dir " + dir + " does not exist; create it or set backups.dir");
        }
        try {
            Files.delete(PrivateFiles.createTempFile(dir, ".rollback-write-test-", ".tmp"));
        } catch (AccessDeniedException e) {
            throw RollbackException.refused("backups dir " + dir + " is not writable by " + System.getProperty("user.name"));
        } catch (IOException e) {
            throw RollbackException.refused("backups dir " + dir + " is not writable: " + e.getMessage());
        }
    }

    /** The name a backup taken now gets: {@code <label>_YYYYMMDD_HHMMSS<ext>}, unique in the dir. */
    public Path newPath(String label, String extension) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.systemDefault()));
        Path path = dir.resolve(label + "_" + STAMP.format(now) + extension);
        while (Files.exists(path)) {   // two backups in the same second: next free second
            now = now.plusSeconds(1);
            path = dir.resolve(label + "_" + STAMP.format(now) + extension);
        }
        return path;
    }

    /** The hidden name a backup is written to before it is verified. */
    public static Path partialPath(Path finalPath) {
        return finalPath.resolveSibling("." + finalPath.getFileName() + ".partial");
    }

    /**
     * Renames a verified backup from its partial name to its final one (atomic) and makes both the
     * content and the rename durable, so a listed backup is never half there after a crash.
     */
    public static void publish(Path partial, Path finalPath) throws IOException {
        if (!Files.isDirectory(partial)) {
            try (FileChannel file = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                file.force(true);
            }
        }
        Files.move(partial, finalPath, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(finalPath.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException notSupported) {
            // Some filesystems cannot fsync a directory; the rename itself is still atomic.
        }
    }

    /** All backups, newest first. */
    public List<BackupFile> list() {
        if (!Files.isDirectory(dir)) {
            throw RollbackException.refused("backups dir " + dir + " does not exist; create it or set backups.dir");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(BackupStore::parse).flatMap(Optional::stream)
                .sorted(Comparator.comparing(BackupFile::takenAt).reversed().thenComparing(BackupFile::name))
                .collect(Collectors.toList());
        } catch (IOException e) {
            throw RollbackException.refused("cannot list backups dir " + dir + ": " + e.getMessage());
        }
    }

    public List<BackupFile> list(String label) {
        return list().stream().filter(b -> b.label().equals(label)).collect(Collectors.toList());
    }

    public static Optional<BackupFile> parse(Path path) {
        String name = path.getFileName().toString();
        Matcher matcher = NAME.matcher(name);
        if (name.startsWith(".") || !matcher.matches()) {
            return Optional.empty();
        }
        LocalDateTime takenAt = LocalDateTime.parse(matcher.group("stamp"), STAMP);
        return Optional.of(new BackupFile(name, path, matcher.group("label"), takenAt, size(path)));
    }

    private static long size(Path path) {
        try {
            if (!Files.isDirectory(path)) {
                return Files.size(path);
            }
            try (Stream<Path> files = Files.walk(path)) {
                return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
        } catch (IOException e) {
            return -1;
        }
    }
}
