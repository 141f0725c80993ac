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
 * {@code backup --volumes} on a Swarm stack deployed with {@code docker stack deploy}: its volumes
 * carry {@code com.docker.stack.namespace}, not compose's project label.
 */
class SwarmVolumeBackupE2EIT {
    @TempDir
    Path dir;

    private String stack;

    @BeforeEach
    void deployStack() throws Exception {
        stack = "rbsv" + UUID.randomUUID().toString().substring(0, 8);
        if (docker("info", "--format", "{{.Swarm.LocalNodeState}}").equals("inactive")) {
            Shell.run(null, Map.of(), "docker", "swarm", "init", "--advertise-addr", "127.0.0.1");
        }
        Files.writeString(dir.resolve("stack.yml"), """
            version: "3.8"
            services:
              app:
                image: rollback-fixture/busybox:latest
                command: ["sh", "-c", "mkdir -p /data/uploads && echo photo > /data/uploads/a.jpg && echo s > /data/.session && sleep 3600"]
                volumes: ["files:/data"]
                stop_grace_period: 1s
            volumes:
              files: {}
            """);
        docker("stack", "deploy", "-c", dir.resolve("stack.yml").toString(), stack);
        PrivateFiles.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: %s, target: swarm }
            backups: { dir: ./backups }
            state-dir: .rollback
            docker: { helper-image: rollback-fixture/busybox:latest }
            """.formatted(stack));
        awaitWritten(stack + "_files");
    }

    @AfterEach
    void removeStack() {
        Shell.run(null, Map.of(), "docker", "stack", "rm", stack);
        for (int i = 0; i < 60 && !docker("ps", "-aq", "--filter", "label=com.docker.stack.namespace=" + stack).isEmpty(); i++) {
            TestStack.sleep(500);
        }
        Shell.run(null, Map.of(), "docker", "volume", "rm", stack + "_files");
    }

    @Test
    void volumesOfTheStackAreArchivedAndListed() throws Exception {
        RollbackCli.Run run = RollbackCli.withConfigIn(dir, Map.of(), "backup", "--no-database", "--volumes", "--yes",
            "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode archives = run.json().path("result").path("volumeBackups");
        assertThat(archives).hasSize(1);
        Path archive = Path.of(archives.get(0).asText());
        assertThat(archive.getFileName().toString()).matches(stack + "_files_\\d{8}_\\d{6}\\.tar\\.gz");
        assertThat(Shell.ok(dir, Map.of(), "tar", "tzf", archive.toString()).out().lines().toList())
            .contains("data/uploads/a.jpg", "data/.session");
        JsonNode row = RollbackCli.withConfigIn(dir, Map.of(), "backups", "-o", "json").json()
            .path("result").path("backups").get(0);
        assertThat(row.path("format").asText()).isEqualTo("volume");
        assertThat(row.path("complete").asBoolean()).isTrue();
    }

    /**
     * The task writes its files once it runs. Looking into the volume before Swarm created it
     * would create it without the stack's label, so the volume is awaited first.
     */
    private void awaitWritten(String volume) {
        for (int i = 0; i < 120; i++) {
            boolean created = !docker("volume", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + stack)
                .isEmpty();
            if (created && Shell.run(null, Map.of(), 30, List.of("docker", "run", "--rm", "-v", volume + ":/data:ro",
                "rollback-fixture/busybox:latest", "test", "-f", "/data/.session")).exitCode() == 0) {
                return;
            }
            TestStack.sleep(500);
        }
        throw new AssertionError("the stack's task did not write its files into " + volume);
    }

    private static String docker(String... args) {
        List<String> argv = Shell.concat(List.of("docker"), args);
        return Shell.run(null, Map.of(), 120, argv).requireSuccess(argv).out().strip();
    }
}
