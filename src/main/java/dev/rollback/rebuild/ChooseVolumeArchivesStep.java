package dev.rollback.rebuild;

import dev.rollback.backup.BackupFile;
import dev.rollback.backup.VolumeArchive;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Before anything is stopped: for each named volume the stack files declare, whether it exists now, and
 * its newest archive that reads to its end (a truncated newer one is passed over). Which of them
 * are refilled after the rebuild follows {@link VolumeInputs#mode()}.
 */
final class ChooseVolumeArchivesStep implements Step {
    private final VolumeInputs in;
    private final ChosenVolumes chosen;

    ChooseVolumeArchivesStep(VolumeInputs in, ChosenVolumes chosen) {
        this.in = in;
        this.chosen = chosen;
    }

    @Override
    public String id() {
        return "choose-volume-archives";
    }

    @Override
    public String description() {
        return chosen.archives.isEmpty() ? "choose the volume archives to refill after the rebuild ("
            + in.mode().name().toLowerCase() + ")" : "refill volume" + (chosen.archives.size() == 1 ? " " : "s ")
            + String.join(", ", chosen.archives.keySet()) + " from their newest archives after the rebuild";
    }

    @Override
    public void check(StepContext context) {
        Map<String, String> plan = new LinkedHashMap<>();
        for (String volume : in.files().volumes()) {
            boolean exists = in.volumes().exists(volume);
            Optional<Path> archive = newestReadable(volume);
            boolean refill = archive.isPresent() && (in.mode() == VolumeInputs.Mode.LATEST || !exists);
            if (refill) {
                chosen.archives.put(volume, archive.get());
            }
            plan.put(volume, (exists ? "exists" : "missing") + ", " + archive.map(a -> "newest archive "
                + a.getFileName()).orElse("no archive") + (refill ? ": refilled" : ": left as it is"));
        }
        if (!chosen.archives.isEmpty()) {
            in.volumes().requireHelperImage();
        }
        context.detail("volumes", plan);
    }

    private Optional<Path> newestReadable(String volume) {
        for (BackupFile backup : in.store().list(volume)) {
            if (backup.name().endsWith(VolumeArchive.EXTENSION)) {
                try {
                    return Optional.of(VolumeArchive.read(backup.path()).path());
                } catch (RollbackException unusable) {
                    // a truncated or foreign archive: the next older one may do
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void apply(StepContext context) {
        Map<String, String> archives = new LinkedHashMap<>();
        chosen.archives.forEach((volume, archive) -> archives.put(volume, archive.toString()));
        context.result("volumeArchives", archives);
    }
}
