package dev.rollback.backup;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code backups.keep}: {@link KeepNewest} over the dumps of a label (an incomplete dump never
 * counts). Only dumps: volume archives and config snapshots are never deleted here, whatever
 * their label.
 */
final class RetentionStep implements Step {
    private final BackupStore store;
    private final DumpInspector inspector;
    private final String label;
    private final int keep;
    private final List<BackupFile> doomed = new ArrayList<>();

    RetentionStep(BackupStore store, DumpInspector inspector, String label, int keep) {
        this.store = store;
        this.inspector = inspector;
        this.label = label;
        this.keep = keep;
    }

    @Override
    public String id() {
        return "retention";
    }

    @Override
    public String description() {
        return doomed.isEmpty() ? "keep the newest " + keep + " backups labelled " + label + " (nothing to delete)"
            : "delete " + doomed.size() + " old backups labelled " + label + " ("
            + doomed.stream().map(BackupFile::name).collect(Collectors.joining(", ")) + "), keeping the newest " + keep;
    }

    @Override
    public void check(StepContext context) {
        doomed.clear();
        // Only dumps: a volume archive or config snapshot may happen to share the label.
        List<BackupFile> dumps = store.list(label).stream().filter(RetentionStep::isDump).toList();
        doomed.addAll(KeepNewest.beyond(dumps, keep, this::isComplete));
        context.detail("delete", doomed.stream().map(BackupFile::name).collect(Collectors.toList()));
    }

    private static boolean isDump(BackupFile backup) {
        try {
            return BackupFormat.detect(backup.path()).dump();
        } catch (IOException unreadable) {
            return true;   // as before: an unreadable dump is incomplete and may be deleted
        }
    }

    private boolean isComplete(BackupFile backup) {
        try {
            return inspector.quick(backup.path()).complete();
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    @Override
    public boolean destructive() {
        return !doomed.isEmpty();
    }

    @Override
    public void apply(StepContext context) throws IOException {
        for (BackupFile backup : doomed) {
            deleteRecursively(backup.path());
        }
        context.detail("deleted", doomed.stream().map(BackupFile::name).collect(Collectors.toList()));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> tree = Files.walk(path)) {
                for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        } else {
            Files.deleteIfExists(path);
        }
    }
}
