package dev.rollback.adapters.proxy;

import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.adapters.process.ProcessSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A real Caddy (the fixture image, Caddy 2.6) in a container with a Caddyfile from a directory and
 * its admin API published on 127.0.0.1; set up and removed with the docker CLI, not the code under test.
 */
final class TestCaddy implements AutoCloseable {
    private static final ProcessRunner RUNNER = new ProcessRunner();
    static final String IMAGE = "rollback-fixture/caddy:2";

    final String name = "rbit-caddy-" + UUID.randomUUID().toString().substring(0, 8);
    final int adminPort;

    TestCaddy(Path dir, String caddyfile) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("Caddyfile"), caddyfile);
        adminPort = freePort();
        docker("run", "-d", "--name", name, "-p", "127.0.0.1:" + adminPort + ":2019",
            "-v", dir.toAbsolutePath() + ":/etc/caddy:ro", IMAGE);
        awaitAdmin();
    }

    /** The test Caddyfile (src/test/resources/caddy): admin on all interfaces, /api/* to backend, the rest to web. */
    static String caddyfile() throws IOException {
        try (var in = TestCaddy.class.getResourceAsStream("/caddy/Caddyfile")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    private void awaitAdmin() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(adminUrl() + "/config/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Caddy " + name + " did not answer on " + adminUrl());
    }

    static String docker(String... args) {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(Arrays.asList(args));
        return RUNNER.runChecked(ProcessSpec.of(argv, Duration.ofMinutes(1))).stdout().strip();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        RUNNER.run(ProcessSpec.of(List.of("docker", "rm", "-f", name), Duration.ofSeconds(30)));
    }
}
