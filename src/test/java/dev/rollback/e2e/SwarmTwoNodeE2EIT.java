package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.rollback.core.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Levels 1 and 3 on a two-node Swarm ({@code testbed/swarm-nodes.sh}: two Docker-in-Docker nodes on
 * this machine): the app's task on the worker, pulled from the cluster's registry, PostgreSQL on the
 * manager; the tool talks to the manager only ({@code DOCKER_HOST}), as it would on a real cluster.
 * The class starts the cluster when it is not up and stops it afterwards; {@code
 * ROLLBACK_SWARM_NODES=off} skips it (a machine where Docker-in-Docker cannot run).
 */
class SwarmTwoNodeE2EIT {
    private static final String STACK_LABEL = "com.docker.stack.namespace";
    /** What testbed/swarm-nodes.sh sets up: the registry in the manager node, the port forwarded to its 5432. */
    private static final String REGISTRY = "10.229.0.2:5000";
    private static final int DB_PORT = 25432;
    private static final Path SCRIPT = Path.of(System.getProperty("rollback.basedir", "."), "testbed/swarm-nodes.sh");
    private static final String PASSWORD = "two-node-" + UUID.randomUUID().toString().substring(0, 8);

    private static Map<String, String> manager;
    private static Map<String, String> worker;
    private static boolean startedHere;

    @TempDir
    Path dir;

    private String stack;

    @BeforeAll
    static void cluster() {
        assumeFalse("off".equals(System.getenv("ROLLBACK_SWARM_NODES")),
            "ROLLBACK_SWARM_NODES=off: the two-node Swarm is not started on this machine");
        startedHere = Shell.run(null, Map.of(), "docker", "inspect", "rollback-swarm-manager").exitCode() != 0;
        long start = System.nanoTime();
        Shell.Result up = Shell.run(null, Map.of(), 600, List.of("bash", SCRIPT.toString(), "start"))
            .requireSuccess(List.of(SCRIPT.toString(), "start"));
        System.err.printf("swarm-nodes start: %d ms%n%s", (System.nanoTime() - start) / 1_000_000, up.err());
        Matcher host = Pattern.compile("export DOCKER_HOST=(unix://\\S+)/manager\\.sock").matcher(up.out());
        assertThat(host.find()).as("the script's DOCKER_HOST line: " + up.out()).isTrue();
        manager = Map.of("DOCKER_HOST", host.group(1) + "/manager.sock");
        worker = Map.of("DOCKER_HOST", host.group(1) + "/worker.sock");
        assertThat(docker(manager, "node", "ls", "--format", "{{.Hostname}} {{.Status}}").lines().sorted().toList())
            .containsExactly("manager Ready", "worker Ready");
    }

    @AfterAll
    static void stopCluster() {
        if (startedHere && manager != null) {
            Shell.run(null, Map.of(), 300, List.of("bash", SCRIPT.toString(), "stop"));
        }
    }

    /** The stack: backend (app:v1 from the registry) on the worker, PostgreSQL with 300 users on the manager. */
    @BeforeEach
    void stack() throws Exception {
        stack = "rb2n" + UUID.randomUUID().toString().substring(0, 8);
        docker(manager, "service", "create", "--detach", "--no-resolve-image", "--name", stack + "_db",
            "--label", STACK_LABEL + "=" + stack, "--constraint", "node.role==manager",
            "--publish", "mode=host,target=5432,published=5432", "-e", "POSTGRES_USER=merq", "-e", "POSTGRES_DB=merq",
            "-e", "POSTGRES_PASSWORD=" + PASSWORD, "rollback-fixture/postgres:15");
        docker(manager, "service", "create", "--detach", "--name", stack + "_backend",
            "--label", STACK_LABEL + "=" + stack, "--constraint", "node.role==worker", "--replicas", "1",
            "--stop-grace-period", "1s", REGISTRY + "/rollback-fixture/app:v1");
        awaitDatabase();
        psql("create table users (id serial primary key, email text); insert into users (email) "
            + "select 'u' || g from generate_series(1, 300) g");
        awaitWorkerRuns(fixture("v1"));
        PrivateFiles.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: %s, target: swarm, app-services: [backend] }
            backups: { dir: ./backups }
            state-dir: .rollback
            database: { host: 127.0.0.1, port: %d, name: merq, user: merq, tools: host }
            health: { timeout: 90s }
            verify: { sample-query: "select count(*) from users" }
            """.formatted(stack, DB_PORT));
    }

    /** Removes the services and waits until the database's container is gone, so the next one gets port 5432. */
    @AfterEach
    void removeStack() {
        if (stack == null) {
            return;
        }
        Shell.run(null, manager, "docker", "service", "rm", stack + "_backend", stack + "_db");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && !docker(manager, "ps", "-aq", "--filter",
            "label=com.docker.swarm.service.name=" + stack + "_db").isBlank()) {
            TestStack.sleep(250);
        }
    }

    private static String docker(Map<String, String> node, String... args) {
        List<String> argv = Shell.concat(List.of("docker"), args);
        return Shell.run(null, node, 120, argv).requireSuccess(argv).out().strip();
    }

    private RollbackCli.Run rollback(String... args) {
        return RollbackCli.withConfigIn(dir, Map.of("DOCKER_HOST", manager.get("DOCKER_HOST"), "DB_PASSWORD", PASSWORD),
            args);
    }

    private String psql(String sql) {
        return Shell.ok(dir, Map.of("PGPASSWORD", PASSWORD), "psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
            "-h", "127.0.0.1", "-p", String.valueOf(DB_PORT), "-U", "merq", "-d", "merq", "-c", sql).out().strip();
    }

    private void awaitDatabase() {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Shell.run(dir, Map.of("PGPASSWORD", PASSWORD), 10, List.of("psql", "-X", "-h", "127.0.0.1", "-p",
                String.valueOf(DB_PORT), "-U", "merq", "-d", "merq", "-c", "select 1")).exitCode() == 0) {
                return;
            }
            TestStack.sleep(250);
        }
        throw new AssertionError("the database of " + stack + " did not answer on 127.0.0.1:" + DB_PORT + ": "
            + docker(manager, "service", "ps", "--no-trunc", stack + "_db"));
    }

    /** The fixture's image ID (the same on the host, in the nodes and in the cluster's registry). */
    private static String fixture(String version) {
        return docker(Map.of(), "image", "inspect", "-f", "{{.Id}}", "rollback-fixture/app:" + version);
    }

    /** Image IDs of the backend's running containers, as the worker's own engine sees them. */
    private List<String> workerImages() {
        return docker(worker, "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + stack + "_backend",
            "--filter", "status=running").lines().filter(id -> !id.isBlank())
            .map(id -> Shell.run(null, worker, "docker", "inspect", "-f", "{{.Image}}", id).out().strip())
            .filter(image -> !image.isBlank()).toList();
    }

    /** Until the worker runs exactly one backend container, of this image, and the manager sees its task running. */
    private void awaitWorkerRuns(String imageId) {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (workerImages().equals(List.of(imageId)) && docker(manager, "service", "ps", "--filter",
                "desired-state=running", "--format", "{{.Node}} {{.CurrentState}}", stack + "_backend")
                .startsWith("worker Running")) {
                return;
            }
            TestStack.sleep(250);
        }
        throw new AssertionError("the worker never ran " + imageId + " for " + stack + "_backend: " + workerImages()
            + "\n" + docker(manager, "service", "ps", "--no-trunc", stack + "_backend"));
    }

    private void updateBackendTo(String version) {
        docker(manager, "service", "update", "--detach", "--image", REGISTRY + "/rollback-fixture/app:" + version,
            stack + "_backend");
        awaitWorkerRuns(fixture(version));
    }

    @Test
    void redeployBringsTheWorkersTaskBackToTheRecordedRelease() {
        RollbackCli.Run record = rollback("release", "record", "-o", "json");
        assertThat(record.exitCode()).as(record.err()).isZero();
        String release = record.json().path("result").path("release").asText();
        updateBackendTo("v2");

        RollbackCli.Run run = rollback("redeploy", "--yes", "-o", "json");
        System.err.printf("two-node redeploy to a release: %d ms%n", run.millis());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("releaseReached").asText()).isEqualTo(release);
        assertThat(run.step("switch-services").path("status").asText()).isEqualTo("succeeded");
        assertThat(docker(manager, "service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}}",
            stack + "_backend")).startsWith(REGISTRY + "/rollback-fixture/app@sha256:");
        awaitWorkerRuns(fixture("v1"));
        assertThat(psql("select count(*) from users")).isEqualTo("300");
    }

    @Test
    void withoutALedgerTheUpdatedServiceGoesBackAndTheNeverUpdatedDatabaseIsLeftAlone() {
        updateBackendTo("v2");
        String dbTask = docker(manager, "service", "ps", "-q", "--filter", "desired-state=running", stack + "_db");

        RollbackCli.Run run = rollback("redeploy", "--yes", "-o", "json");
        System.err.printf("two-node redeploy to the previous spec: %d ms%n", run.millis());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.step("swarm-rollback-previous").path("detail").path("neverUpdated").toString())
            .isEqualTo("[\"db\"]");
        awaitWorkerRuns(fixture("v1"));
        assertThat(docker(manager, "service", "ps", "-q", "--filter", "desired-state=running", stack + "_db"))
            .isEqualTo(dbTask);
    }

    @Test
    void dbRestoreStopsTheWorkersTaskRestoresOnTheManagerAndStartsItAgain() {
        RollbackCli.Run backup = rollback("backup", "--yes", "-o", "json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        String name = Path.of(backup.json().path("result").path("backup").asText()).getFileName().toString();
        psql("insert into users (email) select 'late' || g from generate_series(1, 50) g");

        RollbackCli.Run run = rollback("db-restore", "--backup", name, "--yes", "-o", "json");
        System.err.printf("two-node db-restore: %d ms%n", run.millis());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(psql("select count(*) from users")).isEqualTo("300");
        assertThat(run.step("stop-app").path("detail").path("replicasBefore").path("backend").asInt()).isEqualTo(1);
        assertThat(run.step("start-app").path("status").asText()).isEqualTo("succeeded");
        awaitWorkerRuns(fixture("v1"));
    }
}
