package dev.rollback.restore;

import dev.rollback.backup.BackupFile;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.VolumeArchive;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code drill --volumes}: the newest archive of each of the stack's named volumes reads to its end
 * ({@link VolumeArchive#read}: gzip trailer, tar headers, nothing outside {@code data/}). A volume
 * without an archive, or whose newest archive is truncated or older than {@code --max-age}, fails the
 * drill: that is the archive a restore would take.
 */
final class CheckVolumeArchivesStep implements Step {
    private final BackupStore store;
    private final Supplier<List<String>> volumes;
    private final Duration maxAge;
    private final Clock clock;

    /** @param maxAge the drill's {@code --max-age}, or null */
    CheckVolumeArchivesStep(BackupStore store, Supplier<List<String>> volumes, Duration maxAge, Clock clock) {
        this.store = store;
        this.volumes = volumes;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "check-volume-archives";
    }

    @Override
    public String description() {
        return "read the newest archive of each named volume to its end";
    }

    @Override
    public boolean haltsOnFailure() {
        return false;
    }

    @Override
    public void apply(StepContext context) {
        Map<String, String> checked = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String volume : volumes.get()) {
            Optional<BackupFile> newest = store.list(volume).stream()
                .filter(backup -> backup.name().endsWith(VolumeArchive.EXTENSION)).findFirst();
            if (newest.isEmpty()) {
                problems.add("volume " + volume + " has no archive in " + store.dir());
                checked.put(volume, "no archive");
                continue;
            }
            try {
                VolumeArchive archive = VolumeArchive.read(newest.get().path());
                checked.put(volume, newest.get().name() + ": " + archive.entries() + " entries, read to its end");
                String tooOld = maxAge == null ? null
                    : BackupAgeStep.tooOld(newest.get().path(), BackupAgeStep.age(newest.get().path(), clock), maxAge);
                if (tooOld != null) {
                    problems.add(tooOld);
                }
            } catch (RollbackException unusable) {
                problems.add(unusable.getMessage());
                checked.put(volume, newest.get().name() + ": unusable");
            }
        }
        context.detail("volumes", checked).result("volumeArchives", checked);
        if (problems.isEmpty() && checked.isEmpty()) {
            context.skip("the stack has no named volumes");
        }
        if (!problems.isEmpty()) {
            throw RollbackException.failed(String.join("; ", problems));
        }
    }
}
