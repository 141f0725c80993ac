package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.PrivateFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * blue-green on a real one-node Swarm: the app is a stack (api and web, the fixture app, ports
 * published in mode {@code host}: with dockerd's {@code --iptables=false} the routing mesh does not
 * answer here), Caddy a container on the host's network dialing the published ports, as Caddy from a
 * distribution package would. Green is the stack {@code <stack>-green} on shifted ports, Caddy is
 * switched to it, the primary stack deployed at the revision, Caddy switched back, green removed;
 * 100 GET/s go through Caddy all the while. A green that never gets healthy is removed and the
 * primary, untouched, keeps serving. Everything is found by labels and removed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmBlueGreenE2EIT {
    private static final String STACK_LABEL = "com.docker.stack.namespace";
    private static final int RATE = 100;
    private static final int MIN_REQUESTS = 2000;

    @TempDir
    static Path dir;

    private final String stack = "rsbg" + UUID.randomUUID().toString().substring(0, 8);
    private Path workdir;
    private int sitePort;
    private int adminPort;
    private int apiPort;
    private int webPort;
    private int offset;
    private String commitV1;
    private String commitV3;
    private String commitBroken;

    @BeforeAll
    void stackAndCaddy() throws Exception {
        if (docker("info", "--format", "{{.Swarm.LocalNodeState}}").equals("inactive")) {
            Shell.run(null, Map.of(), "docker", "swarm", "init", "--advertise-addr", "127.0.0.1");
        }
        assertThat(docker("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}"))
            .isEqualTo("active true");
        workdir = Files.createDirectories(dir.resolve("work"));
        sitePort = TestStack.freePort();
        adminPort = TestStack.freePort();
        apiPort = TestStack.freePort();
        webPort = TestStack.freePort();
        offset = freeOffset(apiPort, webPort);
        PrivateFiles.createDirectories(dir.resolve("backups"));
        git("init", "-q", "-b", "main");
        commitV1 = commit("v1", "v1");
        commitBroken = commit("broken", "v1");
        commitV3 = commit("v3", "v3");
        Files.writeString(dir.resolve("rollback.yml"), """
            stack:
              name: %s
              target: swarm
              workdir: ./work
              compose-file: docker-compose.yml
              app-services: [api, web]
            backups: { dir: ./backups }
            state-dir: .rollback
            docker: { helper-image: "rollback-fixture/absent:never" }
            health:
              timeout: 25s
              interval: 250ms
              checks:
                - { name: api, url: "http://127.0.0.1:%d/api/health" }
                - { name: web, url: "http://127.0.0.1:%d/health" }
            proxy: { kind: caddy, admin: "http://127.0.0.1:%d" }
            blue-green: { port-offset: %d, drain: 2s }
            """.formatted(stack, sitePort, sitePort, adminPort, offset));
        Path caddy = Files.createDirectories(dir.resolve("caddy"));
        Files.writeString(caddy.resolve("Caddyfile"), """
            {
            	admin 127.0.0.1:%1$d
            	auto_https off
            }

            :%2$d {
            	bind 127.0.0.1
            	handle_path /api/* {
            		reverse_proxy 127.0.0.1:%3$d
            	}
            	handle {
            		reverse_proxy 127.0.0.1:%4$d
            	}
            }
            """.formatted(adminPort, sitePort, apiPort, webPort));
        docker("run", "-d", "--network", "host", "--label", "rollback.test=" + stack, "-v", caddy + ":/etc/caddy:ro",
            "rollback-fixture/caddy:2", "caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile");
    }

    @AfterAll
    void removeEverything() {
        Shell.run(null, Map.of(), "docker", "stack", "rm", stack + "-green");
        Shell.run(null, Map.of(), "docker", "stack", "rm", stack);
        for (String id : docker("ps", "-aq", "--filter", "label=rollback.test=" + stack).lines().toList()) {
            Shell.run(null, Map.of(), "docker", "rm", "-f", id.strip());
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && !(containersOf(stack).isEmpty() && containersOf(stack + "-green").isEmpty())) {
            TestStack.sleep(500);
        }
        for (String network : docker("network", "ls", "-q", "--filter", "label=" + STACK_LABEL + "=" + stack).lines()
            .filter(l -> !l.isBlank()).toList()) {
            Shell.run(null, Map.of(), "docker", "network", "rm", network.strip());
        }
    }

    @Test
    void fromV3BackToV1ThroughCaddyWithoutOneFailedRequest() throws Exception {
        deploy(commitV3, "v3");
        String caddyBefore = caddyConfig();

        LoadGenerator load = LoadGenerator.start(List.of(url("/version"), url("/api/version")), RATE);
        Thread.sleep(1000);
        RollbackCli.Run run = rollback("blue-green", "--to", commitV1, "--yes", "-o", "json");
        LoadGenerator.Result traffic = load.stopAfter(Math.max(MIN_REQUESTS, load.sent() + RATE));

        System.out.printf("Swarm blue-green v3 -> v1: exit %d in %d ms; %s%n", run.exitCode(), run.millis(),
            traffic.summary());
        JsonNode result = run.json().path("result");
        System.out.println("phases: " + result.path("phasesMs") + "; POST /load to green " + result.path("switchToGreenMs")
            + " ms, back " + result.path("switchToPrimaryMs") + " ms");
        if (run.exitCode() != 0 || !traffic.failures().isEmpty()) {
            run.json().path("steps").forEach(step -> System.out.println("  " + step.path("id").asText() + " "
                + step.path("status").asText() + " " + step.path("durationMs").asText() + " ms " + step.path("error")));
            System.out.println("stderr:\n" + run.err());
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(result.path("topology").asText()).isEqualTo("host-ports");
        assertThat(result.path("serving").asText()).isEqualTo("primary");
        assertThat(run.step("start-green").path("detail").path("deployed").asText()).isEqualTo(stack + "-green");
        assertThat(run.json().path("steps").toString()).doesNotContain("\"stop-blue\"");
        assertThat(traffic.sent()).isGreaterThanOrEqualTo(MIN_REQUESTS);
        assertThat(traffic.failures()).as(traffic.summary()).isEmpty();
        assertThat(traffic.bodies()).containsKeys("v3", "v1");

        String v1 = docker("image", "inspect", "-f", "{{.Id}}", "rollback-fixture/app:v1");
        assertThat(runningImages(stack + "_api")).containsOnly(v1).isNotEmpty();
        assertThat(runningImages(stack + "_web")).containsOnly(v1).isNotEmpty();
        assertThat(get("/version")).isEqualTo("v1");
        assertThat(get("/api/version")).isEqualTo("v1");
        assertThat(caddyConfig()).isEqualTo(caddyBefore);
        assertThat(services(stack + "-green")).isEmpty();
        assertThat(containersOf(stack + "-green")).isEmpty();
        assertThat(dir.resolve(".rollback/blue-green/" + stack + "-green.yml")).doesNotExist();
    }

    @Test
    void aGreenThatNeverGetsHealthyIsRemovedAndThePrimaryKeepsServing() throws Exception {
        deploy(commitV3, "v3");
        String caddyBefore = caddyConfig();
        String v3 = docker("image", "inspect", "-f", "{{.Id}}", "rollback-fixture/app:v3");

        RollbackCli.Run run = rollback("blue-green", "--to", commitBroken, "--yes", "-o", "json");

        System.out.printf("Swarm blue-green to a broken green: exit %d in %d ms%n", run.exitCode(), run.millis());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.json().path("result").path("serving").asText()).isEqualTo("blue");
        assertThat(run.step("await-green").path("status").asText()).isEqualTo("failed");
        assertThat(runningImages(stack + "_api")).containsOnly(v3).isNotEmpty();
        assertThat(get("/api/version")).isEqualTo("v3");
        assertThat(get("/version")).isEqualTo("v3");
        assertThat(caddyConfig()).isEqualTo(caddyBefore);
        assertThat(services(stack + "-green")).isEmpty();
        assertThat(containersOf(stack + "-green")).isEmpty();
        assertThat(Files.readString(workdir.resolve("docker-compose.yml"))).isEqualTo(fileAt(commitV3));
    }

    /** A stack file: api on {@code apiImage}, web on {@code webImage}, both published in mode host. */
    private String stackFile(String apiVersion, String webVersion) {
        return """
            services:
              api:
                image: rollback-fixture/app:%1$s
                ports: [{ target: 80, published: %3$d, protocol: tcp, mode: host }]
                stop_grace_period: 2s
              web:
                image: rollback-fixture/app:%2$s
                ports: [{ target: 80, published: %4$d, protocol: tcp, mode: host }]
                stop_grace_period: 2s
            """.formatted(apiVersion, webVersion, apiPort, webPort);
    }

    private String commit(String apiVersion, String webVersion) throws IOException {
        Files.writeString(workdir.resolve("docker-compose.yml"), stackFile(apiVersion, webVersion));
        git("add", "docker-compose.yml");
        git("commit", "-q", "-m", "api " + apiVersion + ", web " + webVersion);
        return git("rev-parse", "HEAD").strip();
    }

    /** The stack as {@code rev} has it, deployed; returns once Caddy serves {@code version} on both paths. */
    private void deploy(String rev, String version) throws IOException {
        Files.writeString(workdir.resolve("docker-compose.yml"), fileAt(rev));
        List<String> argv = List.of("docker", "stack", "deploy", "--prune", "--resolve-image", "never", "-c",
            "docker-compose.yml", stack);
        Shell.run(workdir, Map.of(), 120, argv).requireSuccess(argv);
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!(get("/version").equals(version) && get("/api/version").equals(version))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Caddy does not serve " + version + " of stack " + stack);
            }
            TestStack.sleep(250);
        }
    }

    private String fileAt(String rev) {
        return git("show", rev + ":docker-compose.yml");
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + sitePort + path);
    }

    private String get(String path) {
        return Shell.run(dir, Map.of(), "curl", "-s", "-m", "5", url(path).toString()).out().strip();
    }

    private String caddyConfig() {
        return Shell.run(dir, Map.of(), "curl", "-s", "-m", "5", "http://127.0.0.1:" + adminPort + "/config/").out();
    }

    /** The image IDs of a service's running task containers, found by Swarm's service label. */
    private static List<String> runningImages(String service) {
        return docker("ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + service, "--filter",
            "status=running").lines().filter(id -> !id.isBlank())
            .map(id -> docker("inspect", "-f", "{{.Image}}", id.strip())).toList();
    }

    private static List<String> services(String stackName) {
        return docker("service", "ls", "-q", "--filter", "label=" + STACK_LABEL + "=" + stackName).lines()
            .filter(l -> !l.isBlank()).toList();
    }

    private static List<String> containersOf(String stackName) {
        return docker("ps", "-aq", "--filter", "label=" + STACK_LABEL + "=" + stackName).lines()
            .filter(l -> !l.isBlank()).toList();
    }

    private RollbackCli.Run rollback(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = dir.resolve("rollback.yml").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return RollbackCli.run(dir, GitStack.isolated(), all);
    }

    private String git(String... args) {
        return GitStack.git(workdir, args);
    }

    private static String docker(String... args) {
        List<String> argv = Shell.concat(List.of("docker"), args);
        return Shell.run(null, Map.of(), 120, argv).requireSuccess(argv).out().strip();
    }

    /** An offset that moves both app ports onto ports free on all interfaces (mode host binds 0.0.0.0). */
    private static int freeOffset(int... ports) {
        for (int candidate = 1000; candidate < 20000; candidate += 97) {
            boolean free = true;
            for (int port : ports) {
                free &= port + candidate <= 65535 && free(port + candidate);
            }
            if (free) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free port offset");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
