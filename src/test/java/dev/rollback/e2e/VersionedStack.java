package dev.rollback.e2e;

import dev.rollback.core.PrivateFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A compose stack whose versions live in git, as the recreate strategy assumes: the
 * workdir is a git checkout, each commit's compose file names the backend image by version tag
 * ({@code <project>/backend:v1}), and a named volume holds data. {@link #close} removes the
 * containers, networks, volumes and tags it created.
 */
public final class VersionedStack implements AutoCloseable {
    public final Path dir;
    public final String project;
    public final int port;

    public VersionedStack(Path dir) throws IOException {
        this.dir = dir;
        this.project = "rbr" + UUID.randomUUID().toString().substring(0, 8);
        this.port = TestStack.freePort();
        git("init", "-q", "-b", "main");
        Files.writeString(dir.resolve(".gitignore"), ".rollback/\nbackups/\nrollback.yml\n");
        PrivateFiles.createDirectories(dir.resolve("backups"));
        for (String version : List.of("v1", "v2", "v3", "broken")) {
            Shell.ok(null, Map.of(), "docker", "tag", "rollback-fixture/app:" + version, image(version));
        }
    }

    public String image(String version) {
        return project + "/backend:" + version;
    }

    /** Commits a compose file whose backend runs {@code reference} (a version or a full image reference). */
    public String commit(String reference, String message) throws IOException {
        Files.writeString(dir.resolve("docker-compose.yml"), composeFile(reference));
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return git("rev-parse", "HEAD").strip();
    }

    /** Commits this compose file as it is. */
    public String commitFile(String composeFile, String message) throws IOException {
        Files.writeString(dir.resolve("docker-compose.yml"), composeFile);
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return git("rev-parse", "HEAD").strip();
    }

    public String composeFile(String reference) {
        String image = reference.contains("/") ? reference : image(reference);
        return """
            version: "3.8"
            services:
              backend:
                image: %s
                ports: ["127.0.0.1:%d:80"]
                stop_grace_period: 1s
                volumes: ["data:/data"]
            volumes:
              data: {}
            """.formatted(image, port);
    }

    /**
     * {@code compose up -d}, then, as a person would curl, until {@code /version} answers (at most
     * 30 s): Compose v2 returns as soon as the container started, before the app listens, when
     * the published port accepts and closes connections.
     */
    public void up() {
        Shell.ok(dir, Map.of(), Shell.concat(Shell.compose(), "-p", project, "up", "-d", "--no-build")
            .toArray(String[]::new));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (version().startsWith("down:") && System.nanoTime() < deadline) {
            TestStack.sleep(200);
        }
    }

    /** Waits until the backend container's healthcheck says healthy (a release is recorded only then). */
    public void awaitHealthy() {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            String id = Shell.run(null, Map.of(), "docker", "ps", "-q", "--filter",
                "label=com.docker.compose.project=" + project).out().strip();
            if (!id.isEmpty() && Shell.run(null, Map.of(), "docker", "inspect", "-f", "{{.State.Health.Status}}", id)
                .out().strip().equals("healthy")) {
                return;
            }
            TestStack.sleep(200);
        }
        throw new AssertionError("backend of " + project + " never became healthy");
    }

    public void writeConfig(String extra) throws IOException {
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: %s, compose-file: docker-compose.yml, app-services: [backend] }
            backups: { dir: ./backups }
            state-dir: .rollback
            docker: { helper-image: "rollback-fixture/busybox:latest" }
            health:
              timeout: 10s
              interval: 200ms
              checks:
                - { name: api, url: "http://127.0.0.1:%d/health" }
            """.formatted(project, port) + extra);
    }

    public RollbackCli.Run rollback(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = dir.resolve("rollback.yml").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return RollbackCli.run(dir, Map.of(), all);
    }

    /** What {@code /version} answers now, or the failure. */
    public String version() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body().strip() : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return "down: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public String workdirComposeFile() throws IOException {
        return Files.readString(dir.resolve("docker-compose.yml"));
    }

    public String head() {
        return git("rev-parse", "HEAD").strip();
    }

    public String git(String... args) {
        return Shell.ok(dir, GitStack.isolated(), Shell.concat(List.of("git"), args).toArray(String[]::new)).out();
    }

    @Override
    public void close() {
        Shell.run(dir, Map.of(), Shell.concat(Shell.compose(), "-p", project, "down", "-v", "--remove-orphans")
            .toArray(String[]::new));
        Shell.run(null, Map.of(), "docker", "volume", "rm", "-f", project + "_data");
        Shell.run(null, Map.of(), "docker", "images", "--format", "{{.Repository}}:{{.Tag}}", "--filter",
            "reference=" + project + "/*").out().lines().filter(t -> !t.isBlank())
            .forEach(tag -> Shell.run(null, Map.of(), "docker", "rmi", tag));
    }
}
