package dev.rollback.workdir;

import dev.rollback.backup.BackupStore;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.core.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The recreate strategy's "back up current state": the compose file, the env file and the list of images that
 * run now, copied into {@code <backups.dir>/<stack>-config_YYYYMMDD_HHMMSS.files/}, owner-only from
 * creation (the env file may hold secrets). Written under a hidden name and renamed when complete.
 */
public final class SnapshotFilesStep implements Step {
    public static final String EXTENSION = ".files";
    public static final String IMAGES_FILE = "images.txt";

    private final StackFiles files;
    private final BackupStore store;
    private final String label;
    private final Supplier<List<String>> imageLines;

    /** @param imageLines one line per service that runs now: "service image imageId" */
    public SnapshotFilesStep(StackFiles files, BackupStore store, String stack, Supplier<List<String>> imageLines) {
        this.files = files;
        this.store = store;
        this.label = stack + "-config";
        this.imageLines = imageLines;
    }

    @Override
    public String id() {
        return "backup-config";
    }

    @Override
    public String description() {
        return "copy " + String.join(", ", files.paths()) + " and the running image list to " + store.dir();
    }

    @Override
    public void check(StepContext context) {
        store.requireWritable();
    }

    @Override
    public void apply(StepContext context) throws IOException {
        Path target = store.newPath(label, EXTENSION);
        Path partial = BackupStore.partialPath(target);
        PrivateFiles.createDirectory(partial);
        List<String> copied = new ArrayList<>();
        for (String path : files.paths()) {
            Optional<byte[]> content = files.current(path);
            if (content.isPresent()) {
                Path copy = partial.resolve(Path.of(path).getFileName().toString());
                PrivateFiles.write(copy, content.get());
                copied.add(path);
            }
        }
        List<String> images = imageLines.get();
        PrivateFiles.write(partial.resolve(IMAGES_FILE), lines(images));
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        context.detail("dir", target.toString()).detail("files", copied).detail("images", images.size());
        context.result("configBackup", target.toString());
    }

    private static byte[] lines(List<String> lines) {
        return lines.stream().map(line -> line + "\n").collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8);
    }
}
