package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Level 3 on a Swarm stack: the app service is scaled to 0 during the restore and back afterwards. */
class SwarmDbRestoreE2EIT {
    private static final String PASSWORD = "swarm-db-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    private String stack;
    private String database;
    private int port;

    @BeforeEach
    void stackWithDatabase() throws Exception {
        stack = "rbsd" + UUID.randomUUID().toString().substring(0, 8);
        String state = docker("info", "--format", "{{.Swarm.LocalNodeState}}");
        if (state.equals("inactive")) {
            Shell.run(null, Map.of(), "docker", "swarm", "init", "--advertise-addr", "127.0.0.1");
        }
        port = TestStack.freePort();
        database = docker("run", "-d", "--name", stack + "-db", "-e", "POSTGRES_USER=merq", "-e", "POSTGRES_DB=merq",
            "-e", "POSTGRES_PASSWORD=" + PASSWORD, "-p", "127.0.0.1:" + port + ":5432", "rollback-fixture/postgres:15");
        docker("service", "create", "--detach", "--name", stack + "_backend", "--label",
            "com.docker.stack.namespace=" + stack, "--replicas", "2", "--stop-grace-period", "1s", "rollback-fixture/app:v1");
        awaitDatabase();
        psql("create table users (id serial primary key, email text); insert into users (email) "
            + "select 'u' || g from generate_series(1, 300) g");
        PrivateFiles.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: %s, target: swarm, app-services: [backend] }
            backups: { dir: ./backups }
            state-dir: .rollback
            database: { host: 127.0.0.1, port: %d, name: merq, user: merq, tools: host }
            health: { timeout: 60s }
            verify: { sample-query: "select count(*) from users" }
            """.formatted(stack, port));
    }

    @AfterEach
    void remove() {
        Shell.run(null, Map.of(), "docker", "service", "rm", stack + "_backend");
        Shell.run(null, Map.of(), "docker", "rm", "-f", "-v", stack + "-db");
    }

    private static String docker(String... args) {
        List<String> argv = Shell.concat(List.of("docker"), args);
        return Shell.run(null, Map.of(), 120, argv).requireSuccess(argv).out().strip();
    }

    private String psql(String sql) {
        return Shell.ok(dir, Map.of("PGPASSWORD", PASSWORD), "psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
            "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "merq", "-d", "merq", "-c", sql).out().strip();
    }

    private void awaitDatabase() {
        for (int i = 0; i < 120; i++) {
            if (Shell.run(dir, Map.of("PGPASSWORD", PASSWORD), 10, List.of("psql", "-X", "-h", "127.0.0.1", "-p",
                String.valueOf(port), "-U", "merq", "-d", "merq", "-c", "select 1")).exitCode() == 0) {
                return;
            }
            TestStack.sleep(250);
        }
        throw new AssertionError("database did not come up");
    }

    private RollbackCli.Run rollback(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = dir.resolve("rollback.yml").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return RollbackCli.run(dir, Map.of("DB_PASSWORD", PASSWORD), all);
    }

    /** A backup of the 300 rows, then 50 more written after it; the backup's name. */
    private String backupThenLateRows() {
        RollbackCli.Run backup = rollback("backup", "--yes", "-o", "json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        psql("insert into users (email) select 'late' || g from generate_series(1, 50) g");
        return Path.of(backup.json().path("result").path("backup").asText()).getFileName().toString();
    }

    @Test
    void appServiceIsScaledToZeroDuringTheRestoreAndBackAfter() {
        String name = backupThenLateRows();

        RollbackCli.Run run = rollback("db-restore", "--backup", name, "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(psql("select count(*) from users")).isEqualTo("300");
        assertThat(run.step("stop-app").path("detail").path("replicasBefore").path("backend").asInt()).isEqualTo(2);
        assertThat(run.step("start-app").path("status").asText()).isEqualTo("succeeded");
        assertThat(docker("service", "inspect", "-f", "{{.Spec.Mode.Replicated.Replicas}}", stack + "_backend"))
            .isEqualTo("2");
    }

    @Test
    void withKeepServingTheServiceRunsThroughTheRestoreAndIsScaledToZeroOnlyForTheSwap() {
        String name = backupThenLateRows();

        RollbackCli.Run run = rollback("db-restore", "--backup", name, "--keep-serving", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(psql("select count(*) from users")).isEqualTo("300");
        List<String> order = new java.util.ArrayList<>();
        run.json().path("steps").forEach(step -> order.add(step.path("id").asText()));
        assertThat(order).containsSubsequence("restore-scratch", "verify-scratch", "stop-app", "swap", "start-app", "verify");
        assertThat(run.step("stop-app").path("detail").path("replicasBefore").path("backend").asInt()).isEqualTo(2);
        assertThat(run.json().path("result").path("appDowntimeMs").isNumber()).isTrue();
        assertThat(docker("service", "inspect", "-f", "{{.Spec.Mode.Replicated.Replicas}}", stack + "_backend"))
            .isEqualTo("2");
    }
}
