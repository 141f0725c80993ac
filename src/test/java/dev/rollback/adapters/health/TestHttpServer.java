package dev.rollback.adapters.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 and a free port, with the endpoints the health tests need. */
final class TestHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    /** Every Host header value received, in order (a request with two Host headers adds two). */
    final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    /** Requests to /flaky so far. */
    final AtomicInteger flakyCalls = new AtomicInteger();
    private volatile int flakyFailures;

    TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/ok", exchange -> respond(exchange, 200));
        server.createContext("/fail", exchange -> respond(exchange, 500));
        server.createContext("/unavailable", exchange -> respond(exchange, 503));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            respond(exchange, 302);
        });
        server.createContext("/slow", exchange -> {
            sleep(Duration.ofSeconds(5));
            respond(exchange, 200);
        });
        server.createContext("/host", exchange -> {
            hostHeaders.addAll(exchange.getRequestHeaders().getOrDefault("Host", List.of()));
            respond(exchange, 200);
        });
        server.createContext("/flaky", exchange ->
            respond(exchange, flakyCalls.incrementAndGet() <= flakyFailures ? 503 : 200));
        server.start();
    }

    /** /flaky answers 503 this many times, then 200. */
    void failFlakyTimes(int failures) {
        flakyFailures = failures;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** A URL on a port nothing listens on (bound, then released). */
    static URI closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/health");
        }
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
