package dev.rollback.e2e;

import dev.rollback.core.PrivateFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real stack whose Caddy shares the host's network ({@code network_mode: host}, as Caddy from a
 * distribution package under systemd would), dialing the app services' published ports:
 * {@code reverse_proxy 127.0.0.1:<api's port>}. Two app services (api and web, the fixture app),
 * both published on 127.0.0.1; Caddy's site and admin API listen on 127.0.0.1 only. Commits v1, v2
 * and v3 run {@code rollback-fixture/app:<version>}. rollback.yml names no proxy container and an
 * absent helper image: in this topology blue-green must need neither. Unique names, free ports;
 * {@link #close} removes everything, green included (found by compose's project label).
 */
public final class HostCaddyStack implements AutoCloseable {
    public final Path dir;
    public final Path workdir;
    public final String project = "rhc" + UUID.randomUUID().toString().substring(0, 8);
    public final int sitePort;
    public final int adminPort;
    public final int apiPort;
    public final int webPort;
    public final int offset;
    public final String commitV1;
    public final String commitV2;
    public final String commitV3;

    public HostCaddyStack(Path dir) throws IOException {
        this.dir = dir;
        this.workdir = Files.createDirectories(dir.resolve("work"));
        sitePort = TestStack.freePort();
        adminPort = TestStack.freePort();
        apiPort = TestStack.freePort();
        webPort = TestStack.freePort();
        offset = freeOffset(apiPort, webPort);
        PrivateFiles.createDirectories(dir.resolve("backups"));
        git("init", "-q", "-b", "main");
        Files.createDirectories(workdir.resolve("caddy"));
        Files.writeString(workdir.resolve("caddy/Caddyfile"), caddyfile());
        commitV1 = commit("v1");
        commitV2 = commit("v2");
        commitV3 = commit("v3");
        writeConfig();
    }

    /** Caddy on the host's network: its listeners and its dials are this host's addresses. */
    private String caddyfile() {
        return """
            {
            	admin 127.0.0.1:%1$d
            	auto_https off
            }

            :%2$d {
            	bind 127.0.0.1
            	encode gzip
            	header X-Served-By caddy-on-the-host
            	handle_path /api/* {
            		reverse_proxy 127.0.0.1:%3$d
            	}
            	handle {
            		reverse_proxy 127.0.0.1:%4$d
            	}
            }
            """.formatted(adminPort, sitePort, apiPort, webPort);
    }

    public String compose(String version) {
        return """
            services:
              api:
                image: rollback-fixture/app:%1$s
                ports: ["127.0.0.1:%2$d:80"]
                stop_grace_period: 2s
              web:
                image: rollback-fixture/app:%1$s
                ports: ["127.0.0.1:%3$d:80"]
                stop_grace_period: 2s
              caddy:
                image: rollback-fixture/caddy:2
                network_mode: host
                command: ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
                volumes: ["./caddy:/etc/caddy:ro"]
            """.formatted(version, apiPort, webPort);
    }

    private String commit(String version) throws IOException {
        Files.writeString(workdir.resolve("docker-compose.yml"), compose(version));
        git("add", "docker-compose.yml", "caddy/Caddyfile");
        git("commit", "-q", "-m", "app " + version);
        return git("rev-parse", "HEAD").strip();
    }

    private void writeConfig() throws IOException {
        Files.writeString(dir.resolve("rollback.yml"), """
            stack:
              name: %s
              workdir: ./work
              compose-file: docker-compose.yml
              app-services: [api, web]
            backups: { dir: ./backups }
            state-dir: .rollback
            docker: { helper-image: "rollback-fixture/absent:never" }
            health:
              timeout: 30s
              interval: 250ms
              checks:
                - { name: api, url: "http://127.0.0.1:%d/api/health" }
                - { name: web, url: "http://127.0.0.1:%d/health" }
            proxy: { kind: caddy, admin: "http://127.0.0.1:%d" }
            blue-green: { port-offset: %d, drain: 2s }
            """.formatted(project, sitePort, sitePort, adminPort, offset));
    }

    /** Brings up the stack as commit {@code rev} has it, and waits until Caddy serves it. */
    public void deploy(String rev, String version) throws IOException {
        Files.writeString(workdir.resolve("docker-compose.yml"), git("show", rev + ":docker-compose.yml"));
        composeCli("up", "-d", "--no-build");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!(get("/version").equals(version) && get("/api/version").equals(version))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Caddy of " + project + " does not serve " + version);
            }
            TestStack.sleep(200);
        }
    }

    public String fileAt(String rev) {
        return git("show", rev + ":docker-compose.yml");
    }

    public String workdirFile() throws IOException {
        return Files.readString(workdir.resolve("docker-compose.yml"));
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + sitePort + path);
    }

    /** What Caddy answers on a path, as a user sees it. */
    public String get(String path) {
        return Shell.run(dir, Map.of(), "curl", "-s", "-m", "5", url(path).toString()).out().strip();
    }

    public String caddyConfig() {
        return Shell.run(dir, Map.of(), "curl", "-s", "-m", "5", "http://127.0.0.1:" + adminPort + "/config/").out();
    }

    /** Caddy's log (its container's), for a failure's story. */
    public String caddyLog() {
        String id = BlueGreenStack.docker("ps", "-q", "--filter", "label=com.docker.compose.project=" + project,
            "--filter", "label=com.docker.compose.service=caddy").strip();
        return Shell.run(dir, Map.of(), "docker", "logs", "-t", "--tail", "200", id).err();
    }

    /** Names of a compose project's containers (any state), found by compose's project label. */
    public List<String> containers(String project) {
        return BlueGreenStack.docker("ps", "-a", "--format", "{{.Names}}", "--filter",
            "label=com.docker.compose.project=" + project).lines().filter(l -> !l.isBlank()).sorted().toList();
    }

    /** The image a service's container of the primary project runs, found by compose's labels. */
    public String runningImageId(String service) {
        return BlueGreenStack.docker("ps", "-q", "--filter", "label=com.docker.compose.project=" + project,
            "--filter", "label=com.docker.compose.service=" + service).lines().findFirst()
            .map(id -> BlueGreenStack.docker("inspect", "-f", "{{.Image}}", id.strip()).strip()).orElse("");
    }

    public RollbackCli.Run rollback(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = dir.resolve("rollback.yml").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return RollbackCli.run(dir, GitStack.isolated(), all);
    }

    private Shell.Result composeCli(String... args) {
        List<String> argv = Shell.concat(Shell.compose(), "-p", project, "-f", "docker-compose.yml");
        argv.addAll(List.of(args));
        return Shell.run(workdir, Map.of(), 300, argv).requireSuccess(argv);
    }

    public String git(String... args) {
        return GitStack.git(workdir, args);
    }

    /** An offset that moves both app ports onto free loopback ports. */
    private static int freeOffset(int... ports) {
        for (int offset = 1000; offset < 20000; offset += 97) {
            boolean free = true;
            for (int port : ports) {
                if (port + offset > 65535 || !free(port + offset)) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    @Override
    public void close() {
        for (String name : containers(project + "-green")) {
            Shell.run(null, Map.of(), "docker", "rm", "-f", name);
        }
        List<String> argv = Shell.concat(Shell.compose(), "-p", project, "-f", "docker-compose.yml",
            "down", "-v", "--remove-orphans", "-t", "1");
        Shell.run(workdir, Map.of(), 120, argv);
        for (String network : BlueGreenStack.docker("network", "ls", "-q", "--filter", "name=" + project).lines()
            .filter(l -> !l.isBlank()).toList()) {
            Shell.run(null, Map.of(), "docker", "network", "rm", network.strip());
        }
        TestStack.removeFixtureProtectTags(dir.resolve(".rollback"));
    }
}
