package dev.rollback.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A web server on 127.0.0.1 that stands in for a restored droplet: {@code /health} answers 200 only
 * for the virtual hosts it serves (the Host header decides, as with Caddy), 421 for any other host,
 * and 503 for all while {@link #healthy} is false.
 */
final class VirtualHosts implements AutoCloseable {
    private final HttpServer server;
    private final Set<String> hosts;
    final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    volatile boolean healthy = true;

    VirtualHosts(Set<String> hosts) throws IOException {
        this.hosts = hosts;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", this::health);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange exchange) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        hostHeaders.add(host);
        String name = host == null ? "" : host.replaceFirst(":\\d+$", "");
        int status = !hosts.contains(name) ? 421 : healthy ? 200 : 503;
        byte[] body = ("status " + status).getBytes();
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
