package dev.rollback.archive;

import dev.rollback.adapters.postgres.Replication;
import dev.rollback.backup.BackupStore;
import dev.rollback.core.PrivateFiles;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.pitr.ArchiveLayout;
import dev.rollback.pitr.BaseBackup;
import dev.rollback.pitr.Lsn;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code pg_basebackup} into {@code backups.dir/base/NAME/} ({@code base.tar.gz} and {@code base.json}), NAME
 * the UTC start time. Written in a hidden {@code .NAME.partial} directory (0700) and renamed into place once
 * base.json is written, so a directory with a base backup's name always holds a complete one.
 */
final class BaseBackupStep implements Step {
    static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final String TAR = "base.tar.gz";

    private final Supplier<Replication> replication;
    private final ArchiveLayout layout;
    private final Clock clock;
    private final Supplier<String> image;
    private Path partial;

    /** @param image the database service's image (what a restore runs), null when unknown */
    BaseBackupStep(Supplier<Replication> replication, ArchiveLayout layout, Clock clock, Supplier<String> image) {
        this.replication = replication;
        this.layout = layout;
        this.clock = clock;
        this.image = image;
    }

    @Override
    public String id() {
        return "base-backup";
    }

    @Override
    public String description() {
        return "pg_basebackup to " + layout.baseBackups() + "/<UTC time>/" + TAR;
    }

    @Override
    public void check(StepContext context) {
        new BackupStore(layout.backupsDir(), clock).requireWritable();
        context.detail("dir", layout.baseBackups().toString());
    }

    @Override
    public void apply(StepContext context) throws IOException {
        Replication server = replication.get();
        Instant startedAt = clock.instant();
        String name = NAME.format(startedAt);
        Path dir = layout.baseBackup(name);
        if (Files.exists(dir)) {
            throw RollbackException.refused("base backup " + dir + " already exists; a backup is never overwritten");
        }
        PrivateFiles.createDirectories(layout.baseBackups());
        partial = layout.baseBackups().resolve("." + name + ".partial");
        deleteTree(partial);
        PrivateFiles.createDirectory(partial);
        long started = System.nanoTime();
        Replication.BaseBackupRun run;
        Duration took;
        BaseBackup backup;
        try {
            // The tar holds the whole cluster: 0600 before pg_basebackup writes a byte, whatever the umask.
            run = server.baseBackup(PrivateFiles.createFile(partial.resolve(TAR)));
            took = Duration.ofNanos(System.nanoTime() - started);
            backup = new BaseBackup(name, dir, Lsn.parse(run.start()), Lsn.parse(run.end()), run.timeline(),
                startedAt, clock.instant(), server.serverVersionNum(), image.get());
            force(partial.resolve(TAR));
            force(BaseBackupJson.write(partial, backup));
            BackupStore.publish(partial, dir);   // the rename, made durable
            partial = null;
        } catch (IOException | RuntimeException e) {
            undo(context);
            throw e;
        }
        long size = Files.size(dir.resolve(TAR));
        context.detail("dir", dir.toString()).detail("start", backup.start().toString())
            .detail("end", backup.end().toString());
        context.result("baseBackup", name).result("dir", dir.toString()).result("sizeBytes", size)
            .result("start", backup.start().toString()).result("end", backup.end().toString())
            .result("timeline", run.timeline()).result("durationMs", took.toMillis());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) throws IOException {
        if (partial != null) {
            deleteTree(partial);
        }
    }

    /** On disk before the rename publishes it: pg_basebackup writing to stdout syncs nothing. */
    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
