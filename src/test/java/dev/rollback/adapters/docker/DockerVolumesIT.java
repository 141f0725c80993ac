package dev.rollback.adapters.docker;

import static dev.rollback.adapters.docker.VolumeFixture.HELPER_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.backup.VolumeArchive;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** DockerVolumes against the real Engine, with the fixture busybox image as the helper. */
class DockerVolumesIT {
    @RegisterExtension
    static final VolumeFixture.Live live = new VolumeFixture.Live();

    @TempDir
    Path dir;

    @Test
    void archiveThenRefillBringsBackExactlyWhatWasArchived() throws Exception {
        String volume = VolumeFixture.create(live.project, "roundtrip");
        VolumeFixture.fillTypical(volume);
        List<String> before = VolumeFixture.content(volume);
        Path archive = dir.resolve("roundtrip.tar.gz");

        live.volumes().archive(volume, archive);
        VolumeFixture.sh(volume, "set -e; echo changed > /data/a/b/c.txt; rm -rf /data/pg; echo new > /data/.new;"
            + " mkdir /data/extra; echo x > /data/extra/y");
        assertThat(VolumeFixture.content(volume)).isNotEqualTo(before);
        live.volumes().refill(volume, archive);

        assertThat(VolumeFixture.content(volume)).isEqualTo(before);
        assertThat(before).anyMatch(line -> line.startsWith("./.env "))
            .anyMatch(line -> line.startsWith("./..odd ")).anyMatch(line -> line.startsWith("./a/b/c.txt "))
            .anyMatch(line -> line.startsWith("./pg/PG_VERSION 600 999:999 "));
        VolumeArchive read = VolumeArchive.read(archive);
        assertThat(read.entries()).isEqualTo(before.size());   // "." is data/ itself
        assertThat(Files.getPosixFilePermissions(archive)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getOwner(archive).getName()).isEqualTo(System.getProperty("user.name"));
        assertThat(VolumeFixture.helpersOf(volume)).isEmpty();
    }

    @Test
    void archivingLeavesTheVolumeUntouchedToTheLastTimestamp() throws Exception {
        String volume = VolumeFixture.create(live.project, "readonly");
        VolumeFixture.fillTypical(volume);
        List<String> before = VolumeFixture.everything(volume);
        Thread.sleep(1100);   // a write during the archive would show in a later mtime or ctime

        live.volumes().archive(volume, dir.resolve("readonly.tar.gz"));

        assertThat(VolumeFixture.everything(volume)).isEqualTo(before);
    }

    @Test
    void emptyVolumeArchivesToJustData() {
        String volume = VolumeFixture.create(live.project, "empty");
        Path archive = dir.resolve("empty.tar.gz");

        live.volumes().archive(volume, archive);

        assertThat(VolumeArchive.read(archive).entries()).isEqualTo(1);
    }

    @Test
    void projectVolumesAreTheProjectsOnlySorted() {
        String project = VolumeFixture.uniqueProject();
        try {
            VolumeFixture.create(project, "zeta");
            VolumeFixture.create(project, "alpha");

            assertThat(live.volumes().projectVolumes(project)).containsExactly(project + "_alpha", project + "_zeta");
            assertThat(live.volumes().projectVolumes(VolumeFixture.uniqueProject())).isEmpty();
        } finally {
            VolumeFixture.sweep(project);
        }
    }

    @Test
    void missingVolumeIsRefusedNamingItAndIsNotCreated() {
        String volume = live.project + "_absent";
        Path archive = dir.resolve("absent.tar.gz");

        RollbackException refused = catchThrowableOfType(() -> live.volumes().archive(volume, archive), RollbackException.class);

        assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.getMessage()).contains("volume " + volume).contains("not found");
        assertThat(live.volumes().exists(volume)).isFalse();
        assertThat(VolumeFixture.exists(volume)).isFalse();
        assertThat(archive).doesNotExist();
    }

    @Test
    void missingHelperImageIsRefusedAndNeverPulled() {
        String volume = VolumeFixture.create(live.project, "noimage");
        Volumes withoutImage = live.engine().volumes("rollback-fixture/absent:" + live.project);
        Path archive = dir.resolve("noimage.tar.gz");

        RollbackException refused = catchThrowableOfType(() -> withoutImage.archive(volume, archive),
            RollbackException.class);

        assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.getMessage()).isEqualTo("helper image rollback-fixture/absent:" + live.project
            + " is not present; pull it or set docker.helper-image");
        assertThat(archive).doesNotExist();
        assertThat(VolumeFixture.helpersOf(volume)).isEmpty();
    }

    @Test
    void failingHelperReportsTarsLastErrorLineAndIsRemoved() throws Exception {
        String volume = VolumeFixture.create(live.project, "badarchive");
        Path archive = Files.write(dir.resolve("bad.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2});

        RollbackException failed = catchThrowableOfType(() -> live.volumes().refill(volume, archive), RollbackException.class);

        assertThat(failed.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(failed.getMessage()).startsWith("the refill of volume " + volume + " failed: " + HELPER_IMAGE
            + " exited with ").doesNotContain("\n");
        assertThat(failed.getMessage().substring(failed.getMessage().lastIndexOf(": ") + 2)).isNotBlank()
            .isNotEqualTo("no error output");
        assertThat(VolumeFixture.helpersOf(volume)).isEmpty();
    }

    @Test
    void helperThatOutlivesItsTimeoutIsRemovedAndLeavesNoArchive() {
        String volume = VolumeFixture.create(live.project, "slow");
        Volumes impatient = live.engine().volumes(HELPER_IMAGE, Duration.ofMillis(1));
        Path archive = dir.resolve("slow.tar.gz");

        RollbackException failed = catchThrowableOfType(() -> impatient.archive(volume, archive), RollbackException.class);

        assertThat(failed.getMessage()).contains("did not finish within 1 ms").contains("was stopped and removed");
        assertThat(archive).doesNotExist();
        assertThat(VolumeFixture.helpersOf(volume)).isEmpty();
    }

    /**
     * A live volume: a service deletes files while tar reads the volume, as PostgreSQL recycles WAL
     * at a checkpoint. A side container waits until tar is inside the big file, then deletes the
     * small ones; those readdir placed after the big file vanish under tar. Which ones that is
     * depends on ext4's hash order of the names (all 200 come first about once in 200), so a
     * volume where all came first is tried again with other names.
     */
    @Test
    void filesDeletedWhileTarReadsAreAWarningAndTheArchiveHoldsTheRest() throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            String volume = VolumeFixture.create(live.project, "churn" + attempt);
            // New names each attempt: ext4 orders a directory by a hash of the names.
            VolumeFixture.sh(volume, "set -e; mkdir /data/d; head -c 25000000 /dev/urandom > /data/d/big" + attempt + ";"
                + " i=0; while [ $i -lt 200 ]; do echo $i > /data/d/s" + attempt + "_$i; i=$((i+1)); done");
            Path archive = dir.resolve("churn" + attempt + ".tar.gz");
            TestDocker.docker("run", "-d", "--rm", "--label", ContainerInfos.PROJECT_LABEL + "=" + live.project,
                "--network", "none", "-v", volume + ":/data", "-v", dir + ":/backup", HELPER_IMAGE, "sh", "-c",
                "while [ \"$(stat -c %s /backup/" + archive.getFileName() + " 2>/dev/null || echo 0)\" -lt 400000 ];"
                    + " do usleep 5000; done; rm -f /data/d/s*");

            List<String> changed = live.volumes().archive(volume, archive);

            VolumeArchive read = VolumeArchive.read(archive);
            assertThat(read.entries()).isEqualTo(3 + 200 - changed.size());   // data/, data/d/, big
            String smallFile = "data/d/s" + attempt + "_[0-9]+";
            assertThat(changed).allMatch(path -> path.matches(smallFile));
            assertThat(VolumeFixture.helpersOf(volume)).isEmpty();
            if (!changed.isEmpty()) {
                System.out.printf("attempt %d: %d of 200 files vanished while tar read the volume%n", attempt,
                    changed.size());
                return;
            }
        }
        throw new AssertionError("in three volumes every small file came before the big one; the race never happened");
    }

    @Test
    void runningContainersUsingAVolumeAreNamed() {
        String volume = VolumeFixture.create(live.project, "used");
        assertThat(live.volumes().runningContainersUsing(volume)).isEmpty();

        String user = VolumeFixture.runUsing(live.project, volume);

        assertThat(live.volumes().runningContainersUsing(volume)).containsExactly(user);
    }

    @Test
    void fiftyMegabyteVolumeRoundTrip() {
        String volume = VolumeFixture.create(live.project, "fifty");
        // Half incompressible, half text, in 500 files: closer to real data than one blob.
        VolumeFixture.sh(volume, "set -e; mkdir /data/r /data/t; i=0; while [ $i -lt 250 ]; do"
            + " head -c 102400 /dev/urandom > /data/r/$i; seq 1 30000 | head -c 102400 > /data/t/$i; i=$((i+1)); done");
        List<String> before = VolumeFixture.content(volume);
        Path archive = dir.resolve("fifty.tar.gz");

        long start = System.nanoTime();
        live.volumes().archive(volume, archive);
        long archived = System.nanoTime();
        VolumeArchive read = VolumeArchive.read(archive);
        long verified = System.nanoTime();
        live.volumes().refill(volume, archive);
        long refilled = System.nanoTime();

        System.out.printf("volume of %d MB, %d entries, archive %d MB: archive %d ms, verify %d ms, refill %d ms%n",
            read.contentBytes() >> 20, read.entries(), read.archiveBytes() >> 20, (archived - start) / 1_000_000,
            (verified - archived) / 1_000_000, (refilled - verified) / 1_000_000);
        assertThat(read.contentBytes()).isEqualTo(500L * 102400);
        assertThat(VolumeFixture.content(volume)).isEqualTo(before);
    }
}
