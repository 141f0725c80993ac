package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Level 4 on this host for a Swarm stack, run from the jar against a real one-node Swarm: a stack
 * deployed with {@code docker stack deploy} whose PostgreSQL keeps its files in a named volume and
 * whose web service serves uploads from another. The stack and both volumes are removed for real;
 * {@code level4 --provider local --restore-volumes missing --restore-db latest} has to bring it back
 * on the recorded release, with the uploads of the volume archive and the rows of the dump.
 */
class SwarmInfraRebuildE2EIT {
    private static final String STACK_LABEL = "com.docker.stack.namespace";
    private static final String HELPER = "rollback-fixture/busybox:latest";
    private static final String PASSWORD = "swarm-l4-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    private String stack;
    private int pgPort;
    private int webPort;

    @BeforeEach
    void deployStack() throws Exception {
        stack = "rbsr" + UUID.randomUUID().toString().substring(0, 8);
        if (docker("info", "--format", "{{.Swarm.LocalNodeState}}").equals("inactive")) {
            Shell.run(null, Map.of(), "docker", "swarm", "init", "--advertise-addr", "127.0.0.1");
        }
        pgPort = TestStack.freePort();
        webPort = TestStack.freePort();
        // With --iptables=false the routing mesh does not answer here: ports are published in host mode.
        Files.writeString(dir.resolve("stack.yml"), """
            version: "3.8"
            services:
              postgres:
                image: rollback-fixture/postgres:15
                environment:
                  POSTGRES_USER: merq
                  POSTGRES_DB: merq
                  POSTGRES_PASSWORD: ${DB_PASSWORD}
                volumes: ["pgdata:/var/lib/postgresql/data"]
                ports: [{ target: 5432, published: %d, protocol: tcp, mode: host }]
                stop_grace_period: 10s
              web:
                image: %s
                volumes: ["uploads:/www/uploads"]
                ports: [{ target: 80, published: %d, protocol: tcp, mode: host }]
                stop_grace_period: 1s
            volumes:
              pgdata: {}
              uploads: {}
            """.formatted(pgPort, webImage(), webPort));
        PrivateFiles.write(dir.resolve(".env"), ("DB_PASSWORD=" + PASSWORD + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PrivateFiles.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: %s, target: swarm, compose-file: stack.yml, env-file: .env, app-services: [web] }
            backups: { dir: ./backups }
            state-dir: .rollback
            docker: { helper-image: %s }
            database: { host: 127.0.0.1, port: %d, name: merq, user: merq, password-env: DB_PASSWORD, tools: host }
            health:
              timeout: 90s
              interval: 500ms
              checks: [{ name: web, url: "http://127.0.0.1:%d/health", retries: 2 }]
            verify: { sample-query: "select count(*) from users" }
            """.formatted(stack, HELPER, pgPort, webPort));
        docker("tag", "rollback-fixture/app:v1", webImage());
        Shell.ok(dir, Map.of("DB_PASSWORD", PASSWORD), "docker", "stack", "deploy", "--resolve-image", "never", "-c",
            dir.resolve("stack.yml").toString(), stack);
        awaitDatabase();
        psql("create table users (id serial primary key, email text not null unique); insert into users (email)"
            + " select 'user' || g || '@merq.example' from generate_series(1, 300) g");
        awaitWeb(fixture("v1"));
        uploads("echo avatar-v1 > /data/avatar.txt");
        RollbackCli.Run record = rollback("release", "record", "-o", "json");
        assertThat(record.exitCode()).as(record.err()).isZero();
    }

    @AfterEach
    void removeStack() {
        Shell.run(null, Map.of(), "docker", "stack", "rm", stack);
        for (int i = 0; i < 120 && !docker("ps", "-aq", "--filter", "label=" + STACK_LABEL + "=" + stack).isEmpty(); i++) {
            TestStack.sleep(500);
        }
        Shell.run(null, Map.of(), "docker", "volume", "rm", stack + "_pgdata", stack + "_uploads");
        Shell.run(null, Map.of(), "docker", "images", "--format", "{{.Repository}}:{{.Tag}}", "--filter",
            "reference=" + stack + "/*").out().lines().filter(t -> !t.isBlank())
            .forEach(tag -> Shell.run(null, Map.of(), "docker", "rmi", tag));
    }

    @Test
    void rebuildsARemovedStackOnTheRecordedReleaseWithTheArchivedVolumesAndTheDumpsRows() {
        RollbackCli.Run dump = rollback("backup", "--yes", "-o", "json");
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        psql("insert into users (email) select 'late' || g || '@merq.example' from generate_series(1, 50) g");
        scale("postgres", 0);   // consistent volume archives: PostgreSQL shut down cleanly
        RollbackCli.Run volumes = rollback("backup", "--volumes", "--no-database", "--yes", "-o", "json");
        assertThat(volumes.exitCode()).as(volumes.err()).isZero();
        scale("postgres", 1);
        awaitDatabase();
        uploads("echo avatar-v2 > /data/avatar.txt");
        docker("tag", "rollback-fixture/app:v2", webImage());   // an unrecorded deploy: the rebuild must bring back v1
        docker("service", "update", "--detach", "--force", "--image", webImage(), stack + "_web");
        awaitWeb(fixture("v2"));
        removeEverything();   // the disaster: nothing left of the stack, its volumes included

        RollbackCli.Run run = rollback("level4", "--provider", "local", "--restore-volumes", "missing", "--restore-db",
            "latest", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode result = run.json().path("result");
        assertThat(run.json().path("level").asInt()).isEqualTo(4);
        assertThat(result.path("volumeArchives").has(stack + "_pgdata")).isTrue();
        assertThat(result.path("volumeArchives").has(stack + "_uploads")).isTrue();
        assertThat(result.path("databaseBackup").asText()).isEqualTo(dump.json().path("result").path("backup").asText());
        assertThat(run.step("stop-all").path("detail").path("tool").asText()).isEqualTo("docker stack");
        assertThat(runningImageIds("web")).containsOnly(fixture("v1"));
        assertThat(psql("select count(*) from users")).isEqualTo("300");
        assertThat(uploads("cat /data/avatar.txt")).isEqualTo("avatar-v1");
        assertThat(docker("volume", "inspect", "-f", "{{index .Labels \"" + STACK_LABEL + "\"}}", stack + "_uploads"))
            .isEqualTo(stack);
        assertThat(docker("service", "inspect", "-f", "{{.Spec.Mode.Replicated.Replicas}}", stack + "_web")).isEqualTo("1");
        assertThat(run.step("verify-all").path("status").asText()).isEqualTo("succeeded");
        System.out.printf("level 4 local rebuild of the Swarm test stack: %d ms (report: %d ms), phases %s%n",
            run.millis(), result.path("recoveryTime").path("measuredMs").asLong(), result.path("phaseMs"));
    }

    private String webImage() {
        return stack + "/web:current";
    }

    private void removeEverything() {
        docker("stack", "rm", stack);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!docker("ps", "-aq", "--filter", "label=" + STACK_LABEL + "=" + stack).isEmpty()
            || !docker("network", "ls", "-q", "--filter", "label=" + STACK_LABEL + "=" + stack).isEmpty()) {
            assertThat(System.nanoTime()).as("the stack's containers and networks go").isLessThan(deadline);
            TestStack.sleep(500);
        }
        docker("volume", "rm", stack + "_pgdata", stack + "_uploads");
        assertThat(docker("volume", "ls", "-q", "--filter", "label=" + STACK_LABEL + "=" + stack)).isBlank();
    }

    /** Scales a service and waits until its running containers number {@code replicas}. */
    private void scale(String service, int replicas) {
        docker("service", "scale", "--detach", stack + "_" + service + "=" + replicas);
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (containers(service, "running").size() != replicas || (replicas == 0 && !containers(service, "").stream()
            .allMatch(id -> docker("inspect", "-f", "{{.State.Running}}", id).equals("false")))) {
            assertThat(System.nanoTime()).as(service + " scaled to " + replicas).isLessThan(deadline);
            TestStack.sleep(250);
        }
    }

    private List<String> containers(String service, String status) {
        List<String> argv = Shell.concat(List.of("docker", "ps", "-q", "--filter",
            "label=com.docker.swarm.service.name=" + stack + "_" + service));
        if (!status.isEmpty()) {
            argv = Shell.concat(argv, "--filter", "status=" + status);
        }
        return Shell.run(null, Map.of(), 60, argv).requireSuccess(argv).out().lines().filter(id -> !id.isBlank()).toList();
    }

    private List<String> runningImageIds(String service) {
        return containers(service, "running").stream().map(id -> docker("inspect", "-f", "{{.Image}}", id)).toList();
    }

    /** Waits until web's running tasks all run this image and answer /health. */
    private void awaitWeb(String imageId) {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (true) {
            List<String> images = runningImageIds("web");
            if (!images.isEmpty() && images.stream().allMatch(imageId::equals) && Shell.run(null, Map.of(), 10,
                List.of("wget", "-q", "-O", "/dev/null", "http://127.0.0.1:" + webPort + "/health")).exitCode() == 0) {
                return;
            }
            assertThat(System.nanoTime()).as("web runs " + imageId + " and answers: " + images).isLessThan(deadline);
            TestStack.sleep(250);
        }
    }

    private String uploads(String script) {
        return docker("run", "--rm", "-v", stack + "_uploads:/data", HELPER, "sh", "-c", script);
    }

    private static String fixture(String version) {
        return docker("image", "inspect", "-f", "{{.Id}}", "rollback-fixture/app:" + version);
    }

    private String psql(String sql) {
        return Shell.ok(dir, Map.of("PGPASSWORD", PASSWORD), "psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
            "-h", "127.0.0.1", "-p", String.valueOf(pgPort), "-U", "merq", "-d", "merq", "-c", sql).out().strip();
    }

    private void awaitDatabase() {
        for (int i = 0; i < 360; i++) {
            if (Shell.run(dir, Map.of("PGPASSWORD", PASSWORD), 10, List.of("psql", "-X", "-h", "127.0.0.1", "-p",
                String.valueOf(pgPort), "-U", "merq", "-d", "merq", "-c", "select 1")).exitCode() == 0) {
                return;
            }
            TestStack.sleep(250);
        }
        throw new AssertionError("database did not come up");
    }

    private RollbackCli.Run rollback(String... args) {
        return RollbackCli.withConfigIn(dir, Map.of("DB_PASSWORD", PASSWORD), args);
    }

    private static String docker(String... args) {
        List<String> argv = Shell.concat(List.of("docker"), args);
        return Shell.run(null, Map.of(), 120, argv).requireSuccess(argv).out().strip();
    }
}
