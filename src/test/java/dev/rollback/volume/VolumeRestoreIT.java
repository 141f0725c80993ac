package dev.rollback.volume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.docker.VolumeFixture;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.VolumeArchive;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.RunStatus;
import dev.rollback.core.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back up, change, restore, through the steps and the executor against real volumes: what the
 * strategies and level 4 will run. There is no user command for a volume restore yet.
 */
class VolumeRestoreIT {
    @RegisterExtension
    static final VolumeFixture.Live live = new VolumeFixture.Live();

    @TempDir
    Path dir;

    private Report run(List<Step> steps) {
        return new Executor(dir.resolve(".state"), (c, d, a) -> true, Interruption.manual(), System.err::println,
            Clock.systemUTC()).run(Plan.builder("test").steps(steps).build(), new Executor.Options(false, true));
    }

    private BackupStore store() {
        return new BackupStore(dir, Clock.systemUTC());
    }

    private List<String> backups() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tar.gz")).sorted().toList();
        }
    }

    @Test
    void backupChangeRestoreGivesBackTheBackedUpDataAndKeepsWhatItReplaced() throws Exception {
        String volume = VolumeFixture.create(live.project, "data");
        VolumeFixture.fillTypical(volume);
        List<String> backedUp = VolumeFixture.content(volume);
        Report backup = run(VolumeSteps.backupAll(live.volumes(), store(), () -> List.of(volume)));
        assertThat(backup.status()).isEqualTo(RunStatus.SUCCEEDED);
        @SuppressWarnings("unchecked")
        Path archive = Path.of(((List<String>) backup.result().get(VolumeSteps.BACKUPS_RESULT)).get(0));
        VolumeFixture.sh(volume, "set -e; echo changed > /data/.env; rm -rf /data/a; echo new > /data/new");
        List<String> changed = VolumeFixture.content(volume);

        Report restore = run(VolumeSteps.restore(live.volumes(), store(), Map.of(volume, archive)));

        assertThat(restore.status()).as(restore.toString()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(VolumeFixture.content(volume)).isEqualTo(backedUp);
        @SuppressWarnings("unchecked")
        Path preRestore = Path.of(((List<String>) restore.result().get(VolumeSteps.PRE_RESTORE_RESULT)).get(0));
        assertThat(preRestore.getFileName().toString()).startsWith("pre_restore_" + volume + "_");
        assertThat(VolumeArchive.read(preRestore).entries()).isEqualTo(changed.size());
        // The pre-restore backup really is the replaced content: restoring it brings that back.
        assertThat(run(VolumeSteps.restore(live.volumes(), store(), Map.of(volume, preRestore))).status())
            .isEqualTo(RunStatus.SUCCEEDED);
        assertThat(VolumeFixture.content(volume)).isEqualTo(changed);
    }

    @Test
    void truncatedArchiveIsRefusedBeforeTheVolumeIsTouched() throws Exception {
        String volume = VolumeFixture.create(live.project, "truncated");
        VolumeFixture.fillTypical(volume);
        Path archive = dir.resolve(volume + "_20240101_020000.tar.gz");
        live.volumes().archive(volume, archive);
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length - 100));
        VolumeFixture.sh(volume, "echo after-backup > /data/.env");
        List<String> before = VolumeFixture.everything(volume);

        Report report = run(VolumeSteps.restore(live.volumes(), store(), Map.of(volume, archive)));

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.error().message()).contains(archive.getFileName().toString()).contains("truncated");
        assertThat(VolumeFixture.everything(volume)).isEqualTo(before);
        assertThat(backups()).containsExactly(archive.getFileName().toString());   // no pre-restore backup either
        assertThat(VolumeFixture.helpersOf(volume)).isEmpty();
    }

    @Test
    void volumeARunningContainerUsesIsRefused() throws Exception {
        String volume = VolumeFixture.create(live.project, "inuse");
        Path archive = dir.resolve("inuse.tar.gz");
        live.volumes().archive(volume, archive);
        String user = VolumeFixture.runUsing(live.project, volume);

        Report report = run(VolumeSteps.restore(live.volumes(), store(), Map.of(volume, archive)));

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains("in use by running container " + user);
    }
}
