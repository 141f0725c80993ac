package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.FileModes;
import dev.rollback.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous archiving on the fixture PostgreSQL, as an operator sets it up: refused on the server as shipped
 * (no replication entry in pg_hba.conf) with the line to add; the line added; {@code archive} started as a
 * process; {@code backup --base}; rows written and received; {@code verify} and {@code plan} see it live;
 * {@code backup --label pre_deploy} writes a mark, not a dump; {@code release record} stores the WAL point;
 * SIGTERM stops the archiver with exit 0 and the slot inactive. Last, the base backup and the archive are
 * restored by hand to the mark, which proves they are usable at all: rows from before the mark are there,
 * rows written after it are not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchivingE2EIT {
    private static final Pattern HBA_LINE = Pattern.compile("'(host replication merq (\\S+) scram-sha-256)'");
    private static final String PG_HBA = "/var/lib/postgresql/data/pg_hba.conf";

    @TempDir
    static Path dir;

    private TestStack stack;
    private Process archiver;
    private Path archiverLog;
    private String markLsn;
    private String baseBackup;
    /** When the pg_hba.conf line was in place: the refusals' FATAL lines in the server's log are older. */
    private long configuredAtNanos;

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 1000);
        stack.awaitHealthy();
    }

    @AfterAll
    void downStack() {
        if (archiver != null && archiver.isAlive()) {
            archiver.destroyForcibly();
        }
        Shell.run(null, Map.of(), 60, List.of("docker", "rm", "-f", restoreContainer()));
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theServerAsShippedIsRefusedWithThePgHbaLineToAdd() throws Exception {
        RollbackCli.Run refused = stack.rollback("backup", "--base", "-o", "json");

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(3);
        String message = refused.json().path("error").path("message").asText();
        Matcher line = HBA_LINE.matcher(message);
        assertThat(line.find()).as(message).isTrue();
        assertThat(message).contains("merq is not set up for WAL archiving; nothing was changed")
            .contains("SELECT pg_reload_conf();");
        assertThat(stack.backups.resolve("base")).doesNotExist();
        RollbackCli.Run archive = stack.rollback("archive", "-o", "json");
        assertThat(archive.exitCode()).isEqualTo(3);
        assertThat(archive.json().path("error").path("message").asText()).contains(line.group(1));

        // What the operator does with the message: add the line, reload.
        stack.docker("exec", stack.postgresContainer(), "sh", "-c", "echo '" + line.group(1) + "' >> " + PG_HBA);
        assertThat(stack.psql("select pg_reload_conf()")).isEqualTo("t");
        configuredAtNanos = System.nanoTime();
    }

    @Test
    @Order(2)
    void theArchiverStreamsAndABaseBackupLandsOwnerOnlyWithItsPositions() throws Exception {
        archiverLog = dir.resolve("archive.log");
        List<String> argv = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-jar", RollbackCli.jar().toString(),
            "--config", dir.resolve("rollback.yml").toString(), "archive"));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(archiverLog.toFile());
        builder.environment().putAll(stack.env());
        archiver = builder.start();
        await("the archiver's slot is active", 60, () -> "t".equals(
            stack.psql("select coalesce((select active from pg_replication_slots where slot_name = 'rollback_archive'),"
                + " false)")));

        RollbackCli.Run base = stack.rollback("backup", "--base", "-o", "json");

        assertThat(base.exitCode()).as(base.err()).isZero();
        JsonNode result = base.json().path("result");
        baseBackup = result.path("baseBackup").asText();
        assertThat(baseBackup).matches("\\d{8}T\\d{6}Z");
        Path backupDir = stack.backups.resolve("base").resolve(baseBackup);
        assertThat(backupDir.resolve("base.tar.gz")).isNotEmptyFile();
        JsonNode json = Json.MAPPER.readTree(backupDir.resolve("base.json").toFile());
        assertThat(json.path("start").asText()).isEqualTo(result.path("start").asText()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(json.path("end").asText()).isEqualTo(result.path("end").asText());
        assertThat(json.path("serverVersion").asInt()).isBetween(150000, 159999);
        assertThat(json.path("image").asText()).isEqualTo("rollback-fixture/postgres:15");
        assertThat(json.has("dir")).isFalse();
        System.out.printf("base backup: %d bytes in %d ms, start %s end %s%n", result.path("sizeBytes").asLong(),
            result.path("durationMs").asLong(), json.path("start").asText(), json.path("end").asText());

        // Rows written now reach the archive: the archiver's write position passes the server's, and a
        // switched segment lands complete in wal/.
        stack.psql("insert into users (email) select 'before' || g || '@merq.example' from generate_series(1, 20000) g");
        awaitArchived(stack.psql("select pg_current_wal_lsn()"));
        String segment = stack.psql("select pg_walfile_name(pg_current_wal_lsn())");
        assertThat(walFiles()).as("the segment being written").contains(segment + ".partial");
        stack.psql("select pg_switch_wal()");
        await("segment " + segment + " complete in wal/", 30, () -> Files.exists(stack.backups.resolve("wal").resolve(segment)));
        assertThat(FileModes.openToOthers(stack.backups)).as("everything under backups.dir is owner-only").isEmpty();
    }

    @Test
    @Order(3)
    void verifyAndPlanSeeArchivingLiveWithASmallLag() {
        // Right after a segment switch the server's position is at the next segment while the archiver's is at
        // the switch record: the unused rest of the segment counts as lag until the next write. Write one row.
        stack.psql("insert into users (email) values ('between@merq.example')");
        awaitArchived(stack.psql("select pg_current_wal_lsn()"));

        // The refused checks left "FATAL: no pg_hba.conf entry" in the server's log, which verify's log check
        // would count: judge the log since the line was added, as an operator would after fixing the server.
        long since = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - configuredAtNanos));
        RollbackCli.Run verify = stack.rollback("verify", "--logs-since", since + "s", "-o", "json");

        JsonNode archiving = verify.step("archiving");
        assertThat(archiving.path("status").asText()).as(verify.out()).isEqualTo("succeeded");
        assertThat(archiving.path("detail").path("live").asBoolean()).isTrue();
        assertThat(archiving.path("detail").path("lagBytes").asLong()).isBetween(0L, 1024L * 1024);
        assertThat(archiving.path("detail").path("newestBaseBackup").asText()).isEqualTo(baseBackup);
        assertThat(verify.exitCode()).as(verify.out()).isZero();

        RollbackCli.Run plan = stack.rollback("plan", "--severity", "minor", "-o", "json");
        JsonNode fact = plan.json().path("result").path("facts").path("archiving");
        assertThat(fact.path("live").asBoolean()).as(plan.out()).isTrue();
        assertThat(fact.path("newestBaseBackup").asText()).isEqualTo(baseBackup);
        assertThat(fact.path("walCoversUntil").asText()).matches("[0-9A-F]+/[0-9A-F]+");
    }

    @Test
    @Order(4)
    void aPreDeployBackupIsAMarkAndAReleaseCarriesItsWalPoint() throws Exception {
        RollbackCli.Run mark = stack.rollback("backup", "--label", "pre_deploy", "-o", "json");

        assertThat(mark.exitCode()).as(mark.err()).isZero();
        JsonNode result = mark.json().path("result");
        assertThat(result.path("kind").asText()).isEqualTo("mark");
        markLsn = result.path("lsn").asText();
        List<String> marks = Files.readAllLines(stack.backups.resolve("marks.jsonl"));
        assertThat(marks).hasSize(1);
        JsonNode line = Json.MAPPER.readTree(marks.get(0));
        assertThat(line.path("label").asText()).isEqualTo("pre_deploy");
        assertThat(line.path("point").path("lsn").asText()).isEqualTo(markLsn);
        try (Stream<Path> files = Files.list(stack.backups)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("a mark, not a dump")
                .noneMatch(name -> name.startsWith("pre_deploy_"));
        }

        // Written after the mark: a restore to the mark must not have them.
        stack.psql("insert into users (email) select 'after' || g || '@merq.example' from generate_series(1, 500) g");

        RollbackCli.Run record = stack.rollback("release", "record", "-o", "json");
        assertThat(record.exitCode()).as(record.out() + record.err()).isZero();
        JsonNode release = null;
        for (String event : Files.readAllLines(stack.stateDir.resolve("releases.jsonl"))) {
            JsonNode node = Json.MAPPER.readTree(event);
            if (node.path("event").asText().equals("recorded")) {
                release = node.path("release");
            }
        }
        assertThat(release).as("a recorded release in the ledger").isNotNull();
        String releaseLsn = release.path("wal").path("lsn").asText();
        assertThat(releaseLsn).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(stack.psql("select '" + releaseLsn + "'::pg_lsn > '" + markLsn + "'::pg_lsn")).isEqualTo("t");
        assertThat(release.path("wal").path("at").asText()).isNotBlank();
    }

    @Test
    @Order(5)
    void sigtermStopsTheArchiverWithExitZeroAndTheSlotInactive() throws Exception {
        // The rows after the mark reach a complete segment, so the by-hand restore needs no .partial.
        String segment = stack.psql("select pg_walfile_name(pg_current_wal_lsn())");
        stack.psql("select pg_switch_wal()");
        await("segment " + segment + " complete in wal/", 30, () -> Files.exists(stack.backups.resolve("wal").resolve(segment)));

        archiver.destroy();   // SIGTERM, as systemd and docker stop send it

        assertThat(archiver.waitFor(30, TimeUnit.SECONDS)).as("the archiver stops within 30 s").isTrue();
        String log = Files.readString(archiverLog);
        assertThat(archiver.exitValue()).as(log).isZero();
        assertThat(log).contains("archive: succeeded");
        await("the slot is inactive", 15, () -> "f".equals(
            stack.psql("select active from pg_replication_slots where slot_name = 'rollback_archive'")));
    }

    /**
     * The base backup and the WAL, restored by hand with PostgreSQL's own recovery to the mark's position in a
     * container of the same image: what the restore command automates.
     */
    @Test
    @Order(6)
    void theBaseBackupAndTheArchiveRestoreByHandToTheMark() throws Exception {
        String c = restoreContainer();
        stack.docker("run", "-d", "--name", c, "--label", "rollback.test=" + stack.project, "--entrypoint", "sleep",
            "rollback-fixture/postgres:15", "600");
        stack.docker("cp", stack.backups.resolve("base").resolve(baseBackup).resolve("base.tar.gz").toString(),
            c + ":/tmp/base.tar.gz");
        stack.docker("cp", stack.backups.resolve("wal").toString(), c + ":/tmp/wal");
        String data = "/var/lib/postgresql/restored";
        stack.docker("exec", c, "sh", "-c", "set -e; mkdir -p " + data + " /var/run/postgresql; tar -xzf /tmp/base.tar.gz -C "
            + data + "; touch " + data + "/recovery.signal; printf \"%s\\n\" \"restore_command = 'cp /tmp/wal/%f %p'\""
            + " \"recovery_target_lsn = '" + markLsn + "'\" \"recovery_target_action = 'promote'\" >> " + data
            + "/postgresql.auto.conf; chown -R postgres:postgres " + data + " /var/run/postgresql /tmp/wal; chmod 700 " + data);
        long started = System.nanoTime();
        stack.docker("exec", "-d", c, "setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "postgres",
            "-D", data, "-c", "listen_addresses=");
        await("the restored server has promoted", 120, () -> "f".equals(restoredPsql(c, "select pg_is_in_recovery()")));
        System.out.printf("recovery to the mark: %d ms%n", (System.nanoTime() - started) / 1_000_000);

        assertThat(restoredPsql(c, "select count(*) from users where email like 'before%'")).isEqualTo("20000");
        assertThat(restoredPsql(c, "select count(*) from users where email like 'after%'")).isEqualTo("0");
        assertThat(stack.psql("select count(*) from users where email like 'after%'")).isEqualTo("500");
    }

    /** Until the archiver reports having written WAL up to {@code lsn}. */
    private void awaitArchived(String lsn) {
        await("the archiver wrote past " + lsn, 30, () -> "t".equals(stack.psql(
            "select coalesce((select write_lsn >= '" + lsn + "' from pg_stat_replication r join pg_replication_slots s"
                + " on s.active_pid = r.pid where s.slot_name = 'rollback_archive'), false)")));
    }

    private String restoredPsql(String container, String sql) {
        Shell.Result result = Shell.run(null, Map.of(), 30, List.of("docker", "exec", "-u", "postgres", container, "psql",
            "-X", "-q", "-t", "-A", "-h", "/var/run/postgresql", "-U", "merq", "-d", "merq", "-c", sql));
        return result.exitCode() == 0 ? result.out().strip() : "(" + result.err().strip() + ")";
    }

    private String restoreContainer() {
        return (stack == null ? "rbt-none" : stack.project) + "-pitr-restored";
    }

    private List<String> walFiles() throws IOException {
        try (Stream<Path> files = Files.list(stack.backups.resolve("wal"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void await(String what, int seconds, BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + seconds + " s");
            }
            TestStack.sleep(250);
        }
    }
}
