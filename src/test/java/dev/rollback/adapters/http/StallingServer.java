package dev.rollback.adapters.http;

import dev.rollback.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on 127.0.0.1 that accepts connections and then stalls, the way a wedged daemon or a
 * hung API does. Two forms: {@link Stall#SILENT} sends nothing at all; {@link Stall#MID_BODY} sends
 * a status line and headers announcing 1000 bytes ({@code Content-Length: 1000}), a few bytes of
 * body, then nothing. With {@link #answeringPing}, {@code GET /_ping} gets the Docker Engine's
 * answer first, so a client gets past its connect check and stalls on the next call.
 */
public final class StallingServer implements AutoCloseable {
    public enum Stall {
        SILENT("accepts, then sends nothing"),
        MID_BODY("sends its headers (Content-Length: 1000) and 3 bytes, then nothing");

        public final String description;

        Stall(String description) {
            this.description = description;
        }
    }

    private static final String PING_ANSWER = "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: text/plain\r\n"
        + "Content-Length: 2\r\n\r\nOK";

    private final Stall stall;
    private final boolean answerPing;
    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<String> stalledRequests = new CopyOnWriteArrayList<>();
    private volatile long firstStallNanos;

    private StallingServer(Stall stall, boolean answerPing) throws IOException {
        this.stall = stall;
        this.answerPing = answerPing;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "stalling-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static StallingServer start(Stall stall) throws IOException {
        return new StallingServer(stall, false);
    }

    /** A fake Docker Engine: {@code /_ping} answers, every other call stalls. */
    public static StallingServer answeringPing(Stall stall) throws IOException {
        return new StallingServer(stall, true);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The request lines that got the stall, e.g. {@code GET /containers/json?... HTTP/1.1}. */
    public List<String> stalledRequests() {
        return List.copyOf(stalledRequests);
    }

    /** {@link System#nanoTime()} when the first request got the stall: where a client's bound starts. */
    public long firstStallNanos() {
        return firstStallNanos;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread connection = new Thread(() -> serve(socket), "stalling-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String requestLine = head.lines().findFirst().orElse("");
                if (answerPing && requestLine.matches("(GET|HEAD) (/v[0-9.]+)?/_ping .*")) {
                    out.write(PING_ANSWER.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                if (stalledRequests.isEmpty()) {
                    firstStallNanos = System.nanoTime();
                }
                stalledRequests.add(requestLine);
                if (stall == Stall.MID_BODY) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"")
                        .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                while (in.read() >= 0) {
                    // silence until the client gives up and closes
                }
                return;
            }
        } catch (IOException gone) {
            // the client closed the connection: what a bounded client does
        }
    }

    /**
     * One exchange against a quick local server and one JSON document, before any clock starts: the
     * first HTTP call and the first Jackson use of a fresh JVM load hundreds of classes, seconds on a
     * loaded machine, which is not the wait under test.
     */
    static void warmUp() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    readHead(socket.getInputStream());
                    socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                        .getBytes(StandardCharsets.US_ASCII));
                    socket.shutdownOutput();
                    socket.getInputStream().readAllBytes(); // until the client closes: no reset to lose the answer
                } catch (IOException e) {
                    // the exchange below fails and says so
                }
            }, "warm-up");
            answer.setDaemon(true);
            answer.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
            HttpClient client = HttpClients.noRedirects(Duration.ofSeconds(5));
            Json.MAPPER.readTree(BoundedHttp.send(client, HttpRequest.newBuilder(uri).build(), Duration.ofSeconds(30)).body());
            Json.MAPPER.writeValueAsString(Map.of("a", 1));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the warm-up exchange failed", e);
        }
    }

    /** The request line and headers, up to the blank line; null at the end of the stream. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
