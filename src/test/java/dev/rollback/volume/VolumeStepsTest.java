package dev.rollback.volume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.backup.BackupStore;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import dev.rollback.core.RunStatus;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.core.StepReport;
import dev.rollback.core.StepStatus;
import dev.rollback.images.MissingImages;
import dev.rollback.images.RegistryFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The volume steps with in-memory volumes: order, naming, verification, refusals and undo. */
class VolumeStepsTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(
        LocalDateTime.of(2024, 1, 1, 2, 0, 0).atZone(ZoneId.systemDefault()).toInstant(), ZoneId.of("UTC"));
    private final FakeVolumes volumes = new FakeVolumes()
        .with("merq_pgdata", Map.of(".env", "SECRET=1", "base/1", "rows"))
        .with("merq_uploads", Map.of("a.png", "png"));

    private BackupStore store() {
        return new BackupStore(dir, clock);
    }

    private Report run(List<Step> steps) {
        return new Executor(dir.resolve(".state"), (c, d, a) -> true, Interruption.manual(), line -> { }, clock)
            .run(Plan.builder("test").steps(steps).build(), new Executor.Options(false, true));
    }

    private List<String> files() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".state")).sorted().toList();
        }
    }

    private static StepReport step(Report report, String id) {
        return report.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void backupProjectArchivesEveryVolumeOfTheProjectUnderRunbookNames() throws Exception {
        Report report = run(VolumeSteps.backupProject(volumes, store(), "merq"));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(files()).containsExactly("merq_pgdata_20240101_020000.tar.gz", "merq_uploads_20240101_020000.tar.gz");
        assertThat(report.result().get(VolumeSteps.BACKUPS_RESULT)).isEqualTo(List.of(
            dir.resolve("merq_pgdata_20240101_020000.tar.gz").toString(),
            dir.resolve("merq_uploads_20240101_020000.tar.gz").toString()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) step(report, "backup-volumes").detail().get("volumes");
        assertThat(rows).extracting(row -> row.get("volume")).containsExactly("merq_pgdata", "merq_uploads");
        assertThat(rows.get(0)).containsEntry("entries", 3L).containsKey("sha256");
        assertThat(volumes.calls).containsExactly("list merq",
            "archive merq_pgdata .merq_pgdata_20240101_020000.tar.gz.partial",
            "archive merq_uploads .merq_uploads_20240101_020000.tar.gz.partial");
    }

    @Test
    void filesThatVanishedWhileReadAreCountedInTheReportAndTheProgressLine() {
        volumes.changedWhileRead.put("merq_pgdata", List.of("data/pg_wal/000000010000000000000001",
            "data/pg_wal/000000010000000000000002", "data/pg_wal/000000010000000000000003",
            "data/pg_wal/000000010000000000000004", "data/pg_wal/000000010000000000000005",
            "data/pg_wal/000000010000000000000006"));
        List<String> progress = new ArrayList<>();

        Report report = new Executor(dir.resolve(".state"), (c, d, a) -> true, Interruption.manual(), progress::add, clock)
            .run(Plan.builder("test").steps(VolumeSteps.backupProject(volumes, store(), "merq")).build(),
                new Executor.Options(false, true));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) step(report, "backup-volumes").detail().get("volumes");
        assertThat(rows.get(0)).containsEntry("changedWhileRead", 6)
            .containsEntry("changedWhileReadSample", volumes.changedWhileRead.get("merq_pgdata").subList(0, 5));
        assertThat(rows.get(1)).doesNotContainKey("changedWhileRead");
        assertThat(progress).anyMatch(line -> line.contains("volume merq_pgdata: 3 entries")
            && line.endsWith("; 6 file(s) changed or vanished while read (a running service wrote them)"));
    }

    /** Old archives of merq_pgdata (the newest one truncated), and things retention must not touch. */
    private void oldBackups() throws Exception {
        for (String day : List.of("20231228", "20231229", "20231230", "20231231")) {
            volumes.archiveFile(dir.resolve("merq_pgdata_" + day + "_020000.tar.gz"), Map.of("base/1", day));
        }
        FakeVolumes.truncate(dir.resolve("merq_pgdata_20231231_020000.tar.gz"));
        volumes.archiveFile(dir.resolve("pre_restore_merq_pgdata_20231201_020000.tar.gz"), Map.of("base/1", "pre"));
        volumes.archiveFile(dir.resolve("merq_uploads_20231201_020000.tar.gz"), Map.of("a.png", "old"));
        Files.writeString(dir.resolve("merq_pgdata_20231101_020000.sql"), "-- a dump that shares the label\n");
    }

    @Test
    void keepVolumesDeletesArchivesBeyondTheNewestCompleteOnesOfEachVolumeOnly() throws Exception {
        oldBackups();

        Report report = run(VolumeSteps.backupProject(volumes, store(), "merq", 2));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        // pgdata: the new one, the truncated one (newer than the oldest kept), the newest complete old one
        assertThat(files()).containsExactly("merq_pgdata_20231101_020000.sql", "merq_pgdata_20231230_020000.tar.gz",
            "merq_pgdata_20231231_020000.tar.gz", "merq_pgdata_20240101_020000.tar.gz",
            "merq_uploads_20231201_020000.tar.gz", "merq_uploads_20240101_020000.tar.gz",
            "pre_restore_merq_pgdata_20231201_020000.tar.gz");
        assertThat(step(report, "volume-retention").detail().get("deleted"))
            .isEqualTo(List.of("merq_pgdata_20231229_020000.tar.gz", "merq_pgdata_20231228_020000.tar.gz"));
    }

    @Test
    void keepOneLeavesOnlyTheNewArchiveOfEachVolume() throws Exception {
        oldBackups();

        Report report = run(VolumeSteps.backupProject(volumes, store(), "merq", 1));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(files()).containsExactly("merq_pgdata_20231101_020000.sql", "merq_pgdata_20240101_020000.tar.gz",
            "merq_uploads_20240101_020000.tar.gz", "pre_restore_merq_pgdata_20231201_020000.tar.gz");
    }

    @Test
    void dryRunNamesTheArchivesRetentionWouldDeleteAndDeletesNothing() throws Exception {
        oldBackups();
        List<String> before = files();

        Report report = new Executor(dir.resolve(".state"), (c, d, a) -> true, Interruption.manual(), line -> { }, clock)
            .run(Plan.builder("test").steps(VolumeSteps.backupProject(volumes, store(), "merq", 2)).build(),
                new Executor.Options(true, true));

        assertThat(files()).isEqualTo(before);
        assertThat(step(report, "volume-retention").description())
            .isEqualTo("delete 2 old volume archives (merq_pgdata_20231229_020000.tar.gz,"
                + " merq_pgdata_20231228_020000.tar.gz), keeping the newest 2 of each volume");
    }

    @Test
    void withoutKeepThereIsNoRetentionStep() {
        assertThat(VolumeSteps.backupProject(volumes, store(), "merq", null)).extracting(Step::id)
            .containsExactly("backup-volumes");
    }

    @Test
    void projectWithoutVolumesIsASkippedStepWithAnEmptyList() {
        Report report = run(VolumeSteps.backupProject(volumes, store(), "other"));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(step(report, "backup-volumes").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(report.result().get(VolumeSteps.BACKUPS_RESULT)).isEqualTo(List.of());
    }

    @Test
    void missingVolumeIsRefusedBeforeAnythingIsWritten() throws Exception {
        Report report = run(VolumeSteps.backupAll(volumes, store(), () -> List.of("merq_pgdata", "gone")));

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains("volume gone does not exist");
        assertThat(files()).isEmpty();
    }

    @Test
    void restoreTakesAFreshBackupFirstThenRefills() throws Exception {
        Path archive = volumes.archiveFile(dir.resolve("old.tar.gz"), Map.of("base/1", "old rows"));

        Report report = run(VolumeSteps.restore(volumes, store(), Map.of("merq_pgdata", archive)));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(volumes.volumes.get("merq_pgdata")).containsExactly(Map.entry("base/1", "old rows"));
        assertThat(volumes.calls).containsExactly(
            "archive merq_pgdata .pre_restore_merq_pgdata_20240101_020000.tar.gz.partial",
            "refill merq_pgdata old.tar.gz");
        assertThat(report.result().get(VolumeSteps.PRE_RESTORE_RESULT))
            .isEqualTo(List.of(dir.resolve("pre_restore_merq_pgdata_20240101_020000.tar.gz").toString()));
    }

    @Test
    void truncatedArchiveIsRefusedBeforeTheVolumeIsTouched() throws Exception {
        Path archive = volumes.archiveFile(dir.resolve("old.tar.gz"), Map.of("base/1", "old rows"));
        FakeVolumes.truncate(archive);

        Report report = run(VolumeSteps.restore(volumes, store(), Map.of("merq_pgdata", archive)));

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains("old.tar.gz").contains("truncated");
        assertThat(volumes.calls).isEmpty();
        assertThat(volumes.volumes.get("merq_pgdata")).containsEntry("base/1", "rows");
        assertThat(files()).containsExactly("old.tar.gz");
    }

    @Test
    void volumeInUseByARunningContainerIsRefused() throws Exception {
        Path archive = volumes.archiveFile(dir.resolve("old.tar.gz"), Map.of("base/1", "old rows"));
        volumes.running.add("merq-postgres-1");

        Report report = run(VolumeSteps.restore(volumes, store(), Map.of("merq_pgdata", archive)));

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains("in use by running container merq-postgres-1");
        assertThat(volumes.calls).isEmpty();
    }

    @Test
    void failedRefillPutsThePreviousContentBackAtOnce() throws Exception {
        Path archive = volumes.archiveFile(dir.resolve("old.tar.gz"), Map.of("base/1", "old rows"));
        volumes.failRefillFrom = archive.toAbsolutePath();

        Report report = run(VolumeSteps.restore(volumes, store(), Map.of("merq_pgdata", archive)));

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.error().message()).contains("No space left on device").contains("was put back from");
        assertThat(volumes.volumes.get("merq_pgdata")).isEqualTo(Map.of(".env", "SECRET=1", "base/1", "rows"));
    }

    @Test
    void aLaterFailureUndoesTheRestoreFromTheFreshBackup() throws Exception {
        Path archive = volumes.archiveFile(dir.resolve("old.tar.gz"), Map.of("base/1", "old rows"));
        Step failing = new Step() {
            public String id() {
                return "start-app";
            }

            public String description() {
                return "fails";
            }

            public void apply(StepContext context) {
                throw RollbackException.failed("app did not get healthy");
            }
        };

        Report report = run(Stream.concat(VolumeSteps.restore(volumes, store(), Map.of("merq_pgdata", archive)).stream(),
            Stream.of(failing)).toList());

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(step(report, "undo:restore-volume-merq_pgdata").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(volumes.volumes.get("merq_pgdata")).isEqualTo(Map.of(".env", "SECRET=1", "base/1", "rows"));
        assertThat(volumes.calls).last().isEqualTo("refill merq_pgdata pre_restore_merq_pgdata_20240101_020000.tar.gz");
    }

    @Test
    void aMissingHelperImageIsPulledBeforeTheFirstArchive() throws Exception {
        volumes.helperImage = "127.0.0.1:5000/tools/alpine:3.20";
        RegistryFake docker = new RegistryFake().remote("127.0.0.1:5000/tools/alpine:3.20", "sha256:helper");

        Report report = run(VolumeSteps.backupProject(volumes, store(), "merq", null, new MissingImages(docker, true)));

        assertThat(report.exitCode()).isZero();
        assertThat(docker.pulls()).containsExactly("127.0.0.1:5000/tools/alpine:3.20");
        assertThat(step(report, "backup-volumes").detail()).containsEntry("pulled",
            List.of("127.0.0.1:5000/tools/alpine:3.20"));
        assertThat(files()).hasSize(2);
    }

    @Test
    void withNoPullAMissingHelperImageIsRefusedBeforeAnythingIsWritten() throws Exception {
        volumes.helperImage = "alpine:3.20";
        RegistryFake docker = new RegistryFake().remote("alpine:3.20", "sha256:helper");

        Report report = run(VolumeSteps.backupProject(volumes, store(), "merq", null, new MissingImages(docker, false)));

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains("alpine:3.20", "--no-pull", "nothing was changed");
        assertThat(docker.pulls()).isEmpty();
        assertThat(files()).isEmpty();
    }

    @Test
    void aHelperImageThatIsHereIsNotPulled() throws Exception {
        volumes.helperImage = "alpine:3.20";
        RegistryFake docker = new RegistryFake().local("alpine:3.20", "sha256:helper");

        Report report = run(VolumeSteps.backupProject(volumes, store(), "merq", null, new MissingImages(docker, true)));

        assertThat(report.exitCode()).isZero();
        assertThat(docker.pulls()).isEmpty();
    }
}
