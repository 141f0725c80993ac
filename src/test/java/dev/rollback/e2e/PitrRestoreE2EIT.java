package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point-in-time restore ({@code db-restore --to-release | --to-mark | --to-time}) on the fixture PostgreSQL in a
 * compose stack whose data lives in a named volume, with WAL streamed by a real pg_receivewal and a real
 * pg_basebackup ({@link PitrArchive}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PitrRestoreE2EIT {
    @TempDir
    static Path dir;

    private TestStack stack;
    private PitrArchive archive;

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 100, true);
        archive = new PitrArchive(stack);
        archive.allowReplication();
    }

    @AfterAll
    void downStack() {
        if (archive != null) {
            archive.close();
        }
        if (stack != null) {
            for (String container : labelled("container", "ps")) {
                Shell.run(dir, Map.of(), "docker", "rm", "-f", container);
            }
            for (String volume : labelled("volume", "ls")) {
                Shell.run(dir, Map.of(), "docker", "volume", "rm", "-f", volume);
            }
            stack.close();
        }
    }

    /** What the restores of this stack left: volumes (or containers) labelled with its data volume. */
    private List<String> labelled(String kind, String list) {
        String filter = "label=dev.rollback.pitr.live=" + liveVolume();
        String out = kind.equals("volume")
            ? Shell.run(dir, Map.of(), "docker", "volume", list, "-q", "--filter", filter).out()
            : Shell.run(dir, Map.of(), "docker", "ps", "-aq", "--filter", filter).out();
        return out.lines().filter(line -> !line.isBlank()).toList();
    }

    private String liveVolume() {
        return stack.project + "_pgdata";
    }

    @BeforeEach
    void freshArchive() throws Exception {
        Files.deleteIfExists(stack.stateDir.resolve("lock"));
        Files.deleteIfExists(stack.backups.resolve("marks.jsonl"));
        stack.compose("up", "-d", "--no-build");
        archive.startReceiving();
        archive.baseBackup();
    }

    private void insert(String prefix, int rows) {
        stack.psql("insert into users (email) select '" + prefix + "' || g || '@merq.example' from generate_series(1, "
            + rows + ") g");
    }

    private String count(String prefix) {
        return stack.psql("select count(*) from users where email like '" + prefix + "%'");
    }

    @Test
    void toReleaseKeepsWhatWasWrittenBeforeItAndUndoBringsBackWhatCameAfter() throws Exception {
        insert("before-release-", 50);
        String release = archive.recordRelease();
        insert("after-release-", 30);
        archive.awaitArchived();
        String dbContainer = stack.containerId("postgres");
        ProcessBuilder client = new ProcessBuilder("psql", "-X", "-h", "127.0.0.1", "-p", String.valueOf(stack.pgPort),
            "-U", "merq", "-d", "merq", "-c", "select pg_sleep(600)").redirectErrorStream(true);
        client.environment().putAll(stack.pgEnv());
        Process session = client.start();   // a client still connected when the database stops

        RollbackCli.Run run;
        try {
            run = stack.rollback("db-restore", "--to-release", release, "--yes", "-o", "json");
        } finally {
            session.destroyForcibly();
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.step("stop-database").path("durationMs").asLong())
            .as("a fast shutdown ends the session; a smart one would wait for it").isLessThan(20_000);
        assertThat(count("before-release-")).isEqualTo("50");
        assertThat(count("after-release-")).isEqualTo("0");
        JsonNode result = run.json().path("result");
        assertThat(run.step("choose-point").path("detail").path("partialSegment").asText())
            .as("the target is in the segment pg_receivewal still writes").isNotEqualTo("none");
        String kept = result.path("keptOldVolume").asText();
        assertThat(labelled("volume", "ls")).contains(kept);
        assertThat(stack.containerId("postgres")).as("the same container, on the same volume").isEqualTo(dbContainer);
        assertThat(labelled("container", "ps")).as("no scratch server left").isEmpty();
        assertThat(run.step("verify").path("status").asText()).isEqualTo("succeeded");
        assertThat(stack.docker("inspect", "-f", "{{.State.Running}}", stack.container("backend")).out().strip())
            .isEqualTo("true");

        RollbackCli.Run undo = stack.rollback("db-restore", "--undo", "--yes", "-o", "json");

        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(undo.step("find-kept-data").path("detail").path("keptVolume").asText()).isEqualTo(kept);
        assertThat(count("after-release-")).as("the kept old volume held them").isEqualTo("30");
        assertThat(count("before-release-")).isEqualTo("50");
    }

    @Test
    void aTargetTheArchiveDoesNotCoverIsRefusedAndNothingIsTouched() throws Exception {
        insert("uncovered-", 10);
        String release = archive.recordRelease();
        insert("uncovered-after-", 10);
        archive.awaitArchived();
        archive.stopReceiving();
        List<String> deleted;
        try (var files = Files.list(archive.wal())) {
            deleted = files.map(file -> file.getFileName().toString()).filter(name -> !name.endsWith(".partial"))
                .sorted().toList();
        }
        assertThat(deleted).isNotEmpty();
        for (String segment : deleted) {
            Files.delete(archive.wal().resolve(segment));   // the base backup's first segment among them
        }
        List<String> volumesBefore = labelled("volume", "ls");
        String dbContainer = stack.containerId("postgres");

        RollbackCli.Run run = stack.rollback("db-restore", "--to-release", release, "--yes");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains("does not cover").containsPattern("missing segment (" + String.join("|", deleted) + ")");
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
        assertThat(labelled("volume", "ls")).isEqualTo(volumesBefore);
        assertThat(count("uncovered-after-")).isEqualTo("10");
        assertThat(stack.containerId("postgres")).isEqualTo(dbContainer);
        assertThat(stack.docker("inspect", "-f", "{{.State.Running}}", dbContainer).out().strip()).isEqualTo("true");
    }

    @Test
    void aRecoveryThatStopsShortOfTheTargetFailsWithTheServersOwnLineAndLiveIsUntouched() throws Exception {
        archive.awaitArchived();
        archive.stopReceiving();   // the archive ends here, in the segment still open
        insert("unarchived-", 10);
        String release = archive.recordRelease();
        insert("unarchived-after-", 10);
        String dbContainer = stack.containerId("postgres");
        List<String> volumesBefore = labelled("volume", "ls");

        RollbackCli.Run run = stack.rollback("db-restore", "--to-release", release, "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(labelled("volume", "ls")).as("the restore's volume removed").isEqualTo(volumesBefore);
        assertThat(run.err()).contains("recovery ended before configured recovery target was reached");
        assertThat(count("unarchived-after-")).isEqualTo("10");
        assertThat(stack.containerId("postgres")).isEqualTo(dbContainer);
        assertThat(labelled("container", "ps")).as("the scratch server removed").isEmpty();
        assertThat(run.step("undo:prepare-scratch").path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aReleaseRecordedWithoutAWalPointIsRefused() throws Exception {
        String release = archive.recordRelease();
        archive.forgetWalPoint(release);   // as a release recorded by a version before point-in-time restores

        RollbackCli.Run run = stack.rollback("db-restore", "--to-release", release, "--yes");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("without a WAL point");
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void toMarkPreDeployRestoresTheNewestMark() throws Exception {
        archive.mark("pre_deploy");
        insert("between-marks-", 20);
        archive.mark("pre_deploy");
        insert("after-mark-", 20);
        archive.awaitArchived();

        RollbackCli.Run run = stack.rollback("db-restore", "--to-mark", "pre_deploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(count("between-marks-")).isEqualTo("20");
        assertThat(count("after-mark-")).isEqualTo("0");
    }

    @Test
    void toTimeRestoresTheDatabaseAsItWasThen() throws Exception {
        insert("before-time-", 15);
        TestStack.sleep(1500);
        String at = stack.psql("select to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
        TestStack.sleep(1500);
        insert("after-time-", 15);
        archive.awaitArchived();

        RollbackCli.Run run = stack.rollback("db-restore", "--to-time", at, "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(count("before-time-")).isEqualTo("15");
        assertThat(count("after-time-")).isEqualTo("0");
        assertThat(stack.rollback("db-restore", "--to-time", "yesterday", "--yes").exitCode()).isEqualTo(2);
    }
}
