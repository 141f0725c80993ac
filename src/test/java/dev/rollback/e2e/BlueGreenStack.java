package dev.rollback.e2e;

import dev.rollback.core.PrivateFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real stack behind a real Caddy for blue-green, with a git checkout as its workdir: postgres
 * (stateful, on a named volume), backend and web (the app, busybox httpd with /health and /version,
 * backend on a named volume too) and Caddy routing /api/* to backend and the rest to web, its admin
 * API on 127.0.0.1. Commit A runs the app as {@code <project>/<svc>:v1}, commit B as
 * {@code <project>/<svc>:broken} (tags of the fixture images). Unique names and free ports;
 * {@link #close} removes everything, green included.
 */
public final class BlueGreenStack implements AutoCloseable {
    public final Path dir;
    public final Path workdir;
    public final String project = "rbg" + UUID.randomUUID().toString().substring(0, 8);
    public final int caddyPort;
    public final int adminPort;
    public final int backendPort;
    public final int webPort;
    public final int offset;
    public final String commitA;
    public final String commitB;

    public BlueGreenStack(Path dir) throws IOException {
        this.dir = dir;
        this.workdir = Files.createDirectories(dir.resolve("work"));
        caddyPort = TestStack.freePort();
        adminPort = TestStack.freePort();
        backendPort = TestStack.freePort();
        webPort = TestStack.freePort();
        offset = freeOffset(backendPort, webPort);
        PrivateFiles.createDirectories(dir.resolve("backups"));
        for (String version : List.of("v1", "broken")) {
            for (String service : List.of("backend", "web")) {
                docker("tag", "rollback-fixture/app:" + version, project + "/" + service + ":" + version);
            }
        }
        git("init", "-q", "-b", "main");
        Files.createDirectories(workdir.resolve("caddy"));
        try (var caddyfile = BlueGreenStack.class.getResourceAsStream("/caddy/Caddyfile")) {
            Files.write(workdir.resolve("caddy/Caddyfile"), caddyfile.readAllBytes());
        }
        Files.writeString(workdir.resolve(".env"), "DB_PASSWORD=" + TestStack.PASSWORD + "\n");
        Files.writeString(workdir.resolve(".gitignore"), ".env\n");
        commitA = commit("v1", "app v1");
        commitB = commit("broken", "app broken");
        writeConfig();
    }

    public String compose(String version) {
        return """
            version: "3.8"
            services:
              postgres:
                image: rollback-fixture/postgres:15
                environment: { POSTGRES_USER: merq, POSTGRES_DB: merq, POSTGRES_PASSWORD: "${DB_PASSWORD}" }
                volumes: ["pgdata:/var/lib/postgresql/data"]
              backend:
                image: %1$s/backend:%2$s
                ports: ["127.0.0.1:%3$d:80"]
                volumes: ["uploads:/uploads"]
                stop_grace_period: 2s
              web:
                image: %1$s/web:%2$s
                ports: ["127.0.0.1:%4$d:80"]
                stop_grace_period: 2s
              caddy:
                image: rollback-fixture/caddy:2
                ports: ["127.0.0.1:%5$d:80", "127.0.0.1:%6$d:2019"]
                volumes: ["./caddy:/etc/caddy:ro"]
                dns_opt: ["timeout:1", "attempts:1"]
            volumes:
              pgdata: {}
              uploads: {}
            """.formatted(project, version, backendPort, webPort, caddyPort, adminPort);
    }

    /** Commits the compose file with the app images at {@code version} (a tag); answers the commit. */
    String commit(String version, String message) throws IOException {
        Files.writeString(workdir.resolve("docker-compose.yml"), compose(version));
        git("add", "docker-compose.yml", "caddy/Caddyfile", ".gitignore");
        git("commit", "-q", "-m", message);
        return git("rev-parse", "HEAD").strip();
    }

    private void writeConfig() throws IOException {
        Files.writeString(dir.resolve("rollback.yml"), """
            stack:
              name: %s
              workdir: ./work
              compose-file: docker-compose.yml
              env-file: .env
              app-services: [backend, web]
              stateful-services: [postgres]
            backups: { dir: ./backups }
            state-dir: .rollback
            docker: { helper-image: "rollback-fixture/busybox:latest" }
            health:
              timeout: 30s
              interval: 250ms
              checks:
                - { name: api, url: "http://127.0.0.1:%d/api/health" }
                - { name: web, url: "http://127.0.0.1:%d/health" }
            proxy: { kind: caddy, service: caddy, admin: "http://127.0.0.1:%d" }
            blue-green: { port-offset: %d, drain: 2s }
            """.formatted(project, caddyPort, caddyPort, adminPort, offset));
    }

    /** Brings up the stack as commit {@code rev} has it (the workdir file becomes that commit's). */
    public void deploy(String rev) throws IOException {
        Files.writeString(workdir.resolve("docker-compose.yml"), fileAt(rev));
        composeCli("up", "-d", "--no-build");
        awaitThroughCaddy();
    }

    public String fileAt(String rev) {
        return git("show", rev + ":docker-compose.yml");
    }

    public String workdirFile() throws IOException {
        return Files.readString(workdir.resolve("docker-compose.yml"));
    }

    public String caddyContainer() {
        return container("caddy");
    }

    /** The name of a service's container in the primary project, found by compose's labels (v1 and v2 name them differently). */
    public String container(String service) {
        String names = docker("ps", "-a", "--format", "{{.Names}}", "--filter", "label=com.docker.compose.project=" + project,
            "--filter", "label=com.docker.compose.service=" + service).strip();
        if (names.isEmpty() || names.contains("\n")) {
            throw new IllegalStateException("not one container of " + service + " in " + project + ": [" + names + "]");
        }
        return names;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + caddyPort + path);
    }

    /** What Caddy answers on a path (status and body), as a user sees it. */
    public String get(String path) {
        return Shell.run(dir, Map.of(), "curl", "-s", "-m", "5", url(path).toString()).out().strip();
    }

    public String caddyConfig() {
        return Shell.run(dir, Map.of(), "curl", "-s", "-m", "5", "http://127.0.0.1:" + adminPort + "/config/").out();
    }

    private void awaitThroughCaddy() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!get("/version").isEmpty() && !get("/api/version").isEmpty()) {
                return;
            }
            TestStack.sleep(200);
        }
        throw new IllegalStateException("Caddy of " + project + " does not answer /version");
    }

    /** Waits until the containers' healthchecks say healthy (a release is recorded only then). */
    void awaitHealthy() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (String service : List.of("postgres", "backend", "web")) {
            while (!docker("inspect", "-f", "{{.State.Health.Status}}", container(service)).strip()
                .equals("healthy")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service + " of " + project + " never became healthy");
                }
                TestStack.sleep(200);
            }
        }
    }

    /** Container ids by name, of a project's containers (any state). */
    public List<String> containers(String project) {
        return docker("ps", "-a", "--format", "{{.Names}}", "--filter", "label=com.docker.compose.project=" + project)
            .lines().filter(l -> !l.isBlank()).sorted().toList();
    }

    /** Names of networks and volumes whose name starts with {@code prefix}. */
    public List<String> networksAndVolumes(String prefix) {
        String networks = docker("network", "ls", "--format", "{{.Name}}");
        String volumes = docker("volume", "ls", "--format", "{{.Name}}");
        return (networks + "\n" + volumes).lines().filter(n -> n.startsWith(prefix)).toList();
    }

    public String runningImageId(String service) {
        return docker("inspect", "-f", "{{.Image}}", container(service)).strip();
    }

    public String imageId(String reference) {
        return docker("image", "inspect", "-f", "{{.Id}}", reference).strip();
    }

    public RollbackCli.Run rollback(Map<String, String> extraEnv, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = dir.resolve("rollback.yml").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        Map<String, String> env = env();
        env.putAll(extraEnv);
        return RollbackCli.run(dir, env, all);
    }

    /** The environment the operator's shell has: git isolated from this machine's config, the database password. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>(GitStack.isolated());
        env.put("DB_PASSWORD", TestStack.PASSWORD);
        return env;
    }

    public Shell.Result composeCli(String... args) {
        List<String> argv = Shell.concat(Shell.compose(), "-p", project, "-f", "docker-compose.yml", "--env-file", ".env");
        argv.addAll(List.of(args));
        return Shell.run(workdir, Map.of("DB_PASSWORD", TestStack.PASSWORD), 300, argv).requireSuccess(argv);
    }

    public String git(String... args) {
        return GitStack.git(workdir, args);
    }

    public static String docker(String... args) {
        List<String> argv = Shell.concat(List.of("docker"), args);
        return Shell.run(null, Map.of(), 120, argv).requireSuccess(argv).out();
    }

    /** An offset that moves both app ports onto free ports. */
    private static int freeOffset(int... ports) throws IOException {
        for (int offset = 1000; offset < 20000; offset += 97) {
            if (allFree(offset, ports)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset");
    }

    private static boolean allFree(int offset, int... ports) {
        for (int port : ports) {
            if (port + offset > 65535) {
                return false;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + offset));
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        String green = project + "-green";
        for (String name : containers(green)) {
            Shell.run(null, Map.of(), "docker", "rm", "-f", name);
        }
        List<String> argv = Shell.concat(Shell.compose(), "-p", project, "-f", "docker-compose.yml", "--env-file", ".env",
            "down", "-v", "--remove-orphans", "-t", "1");
        Shell.run(workdir, Map.of("DB_PASSWORD", TestStack.PASSWORD), 120, argv);
        for (String leftover : networksAndVolumes(green)) {
            Shell.run(null, Map.of(), "docker", "network", "rm", leftover);
        }
        String tags = Shell.run(dir, Map.of(), "docker", "images", "--format", "{{.Repository}}:{{.Tag}}",
            "--filter", "reference=" + project + "/*").out();
        tags.lines().filter(t -> !t.isBlank()).forEach(tag -> Shell.run(dir, Map.of(), "docker", "rmi", tag));
        TestStack.removeFixtureProtectTags(dir.resolve(".rollback"));
    }
}
