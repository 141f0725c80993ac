package dev.rollback.pitr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.RollbackException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the base backup for a target, and reading the targets themselves. */
class BaseBackupsTest {
    @TempDir
    Path dir;

    private void backup(String name, String start, String end, boolean withTar) throws Exception {
        Path backup = Files.createDirectories(dir.resolve("base").resolve(name));
        Files.writeString(backup.resolve("base.json"), """
            {"name":"%s","start":"%s","end":"%s","timeline":1,"startedAt":"2026-12-03T10:00:00Z",
             "finishedAt":"2026-12-03T10:01:00Z","serverVersion":150010,"image":"postgres:15"}""".formatted(name, start, end));
        if (withTar) {
            Files.createFile(backup.resolve("base.tar.gz"));
        }
    }

    @Test
    void theNewestBackupEndingBeforeTheTargetAndNeverAnUnfinishedOne() throws Exception {
        backup("20261203T100000Z", "0/2000028", "0/2000100", true);
        backup("20261203T110000Z", "0/6000028", "0/6000100", true);
        backup("20261203T120000Z", "0/9000028", "0/9000100", false);
        BaseBackups backups = new BaseBackups(new ArchiveLayout(dir));

        assertThat(backups.list()).extracting(BaseBackup::name).containsExactly("20261203T100000Z", "20261203T110000Z");
        assertThat(backups.newestEndingBy(Lsn.parse("0/7000000"))).get().extracting(BaseBackup::name)
            .isEqualTo("20261203T110000Z");
        assertThat(backups.newestEndingBy(Lsn.parse("0/6000050"))).get().extracting(BaseBackup::name)
            .as("a backup still running at the target cannot reach it").isEqualTo("20261203T100000Z");
        assertThat(backups.newestEndingBy(Lsn.parse("0/1000000"))).isEmpty();
        assertThat(backups.list().get(0).dir()).isEqualTo(dir.resolve("base").resolve("20261203T100000Z"));
    }

    @Test
    void targetsFromMarksAndTimes() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(dir);
        Files.writeString(layout.marks(), """
            {"label":"pre_deploy","point":{"lsn":"0/3000000","at":"2026-12-03T10:00:00Z"}}
            {"label":"other","point":{"lsn":"0/4000000","at":"2026-12-03T10:30:00Z"}}
            {"label":"pre_deploy","point":{"lsn":"0/5000000","at":"2026-12-03T11:00:00Z"}}
            {"label":"pre_deploy","point":{"lsn":"0/6
            """);

        assertThat(TargetChoice.mark(layout, "pre_deploy").lsn()).isEqualTo(Lsn.parse("0/5000000"));
        assertThatThrownBy(() -> TargetChoice.mark(layout, "nope")).isInstanceOf(RollbackException.class)
            .extracting(e -> ((RollbackException) e).exitCode()).isEqualTo(dev.rollback.core.ExitCode.REFUSED);
        assertThat(TargetChoice.time("2026-12-03T11:22:00+01:00").time()).hasToString("2026-12-03T10:22:00Z");
        assertThat(TargetChoice.time("2026-12-03T11:22:00Z").recoverySetting())
            .containsExactly("recovery_target_time", "2026-12-03 11:22:00.000000+00");
        assertThatThrownBy(() -> TargetChoice.time("yesterday")).isInstanceOf(RollbackException.class);
        assertThat(TargetChoice.segmentBytes("16MB")).isEqualTo(16L << 20);
        assertThat(TargetChoice.segmentBytes("1GB")).isEqualTo(1L << 30);
    }
}
