package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.adapters.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Integration-test helpers that use the docker CLI, not the code under test, to set up and clean
 * up, so a bug in the adapter cannot hide itself. Everything a test creates carries its run's
 * compose project label and is swept by {@link #sweep}; there is no Ryuk here.
 */
final class TestDocker {
    static final String APP_IMAGE = "rollback-fixture/app";
    private static final ProcessRunner RUNNER = new ProcessRunner();

    private TestDocker() {
    }

    /** A project name no other run uses: "rbit" + 8 hex digits. */
    static String uniqueProject() {
        return "rbit" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** Runs the docker CLI and returns its trimmed stdout; fails the test on a non-zero exit. */
    static String docker(String... args) {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(Arrays.asList(args));
        return RUNNER.runChecked(ProcessSpec.of(argv, Duration.ofMinutes(1))).stdout().strip();
    }

    /** Best effort: removes the project's containers, networks and volumes; never throws. */
    static void sweep(String project) {
        String filter = "label=" + ContainerInfos.PROJECT_LABEL + "=" + project;
        removeAll(List.of("ps", "-aq", "--filter", filter), List.of("rm", "-f", "-v"));
        removeAll(List.of("network", "ls", "-q", "--filter", filter), List.of("network", "rm"));
        removeAll(List.of("volume", "ls", "-q", "--filter", filter), List.of("volume", "rm", "-f"));
    }

    private static void removeAll(List<String> list, List<String> remove) {
        try {
            List<String> ids = docker(list.toArray(String[]::new)).lines().filter(id -> !id.isBlank()).toList();
            if (!ids.isEmpty()) {
                List<String> argv = new ArrayList<>(remove);
                argv.addAll(ids);
                docker(argv.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            System.err.println("cleanup: " + e.getMessage());
        }
    }

    static void removeNetworkQuietly(String network) {
        RUNNER.run(ProcessSpec.of(List.of("docker", "network", "rm", network), Duration.ofSeconds(30)));
    }

    static void removeImageQuietly(String reference) {
        RUNNER.run(ProcessSpec.of(List.of("docker", "rmi", reference), Duration.ofSeconds(30)));
    }

    /** Polls until the container matches, or fails the test with the last state seen. */
    static ContainerInfo await(Docker docker, String container, Predicate<ContainerInfo> condition,
                               String description) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ContainerInfo last = null;
        while (System.nanoTime() < deadline) {
            last = docker.container(container).orElse(null);
            if (last != null && condition.test(last)) {
                return last;
            }
            sleep(200);
        }
        return fail("container " + container + " did not become " + description + " within 30s; last seen: " + last);
    }

    static ContainerInfo awaitHealthy(Docker docker, String container) {
        return await(docker, container, c -> "healthy".equals(c.health()), "healthy");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Without a logback config the root logger is DEBUG and httpclient5 logs every byte on the wire. */
    static void quietLogs() {
        level(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.INFO);
        level("org.apache.hc", Level.WARN);
    }

    private static void level(String logger, Level level) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(level);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
