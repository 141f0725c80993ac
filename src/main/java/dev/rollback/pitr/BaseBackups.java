package dev.rollback.pitr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.Json;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the base backups under {@code backups.dir/base/} (written by {@code backup --base}): each directory with a
 * {@code base.json} and its {@code base.tar.gz}. A directory without both is an unfinished backup and is skipped, so
 * a backup killed while it was written is never chosen.
 */
public final class BaseBackups {
    private final ArchiveLayout layout;

    public BaseBackups(ArchiveLayout layout) {
        this.layout = layout;
    }

    /** Every complete base backup, oldest first (by where it ends in the WAL). */
    public List<BaseBackup> list() {
        Path root = layout.baseBackups();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<BaseBackup> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                read(dir).ifPresent(found::add);
            }
        } catch (IOException e) {
            throw RollbackException.failed("cannot list " + root + ": " + e.getMessage());
        }
        found.sort(Comparator.comparing(BaseBackup::end));
        return found;
    }

    /** The newest base backup whose end is at or before {@code target}: the one that replays least WAL. */
    public Optional<BaseBackup> newestEndingBy(Lsn target) {
        return list().stream().filter(backup -> !backup.end().isAfter(target)).reduce((older, newer) -> newer);
    }

    /** The newest base backup finished at or before {@code instant} (a {@code --to-time} target). */
    public Optional<BaseBackup> newestFinishedBy(java.time.Instant instant) {
        return list().stream().filter(backup -> backup.finishedAt() != null && !backup.finishedAt().isAfter(instant))
            .reduce((older, newer) -> newer);
    }

    private static Optional<BaseBackup> read(Path dir) {
        Path json = dir.resolve("base.json");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(dir.resolve("base.tar.gz"))) {
            return Optional.empty();
        }
        try {
            ObjectNode node = (ObjectNode) Json.MAPPER.readTree(json.toFile());
            node.remove("dir");
            BaseBackup read = Json.MAPPER.treeToValue(node, BaseBackup.class);
            if (read.start() == null || read.end() == null) {
                return Optional.empty();
            }
            return Optional.of(new BaseBackup(read.name() != null ? read.name() : dir.getFileName().toString(), dir,
                read.start(), read.end(), read.timeline(), read.startedAt(), read.finishedAt(), read.serverVersion(),
                read.image()));
        } catch (IOException | ClassCastException | RollbackException e) {
            return Optional.empty();   // a half-written or foreign file: not a backup to restore from
        }
    }
}
