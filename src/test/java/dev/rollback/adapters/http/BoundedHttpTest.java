package dev.rollback.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rollback.adapters.http.StallingServer.Stall;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one bounded exchange every HTTP adapter goes through. */
class BoundedHttpTest {
    private static final Duration BOUND = Duration.ofSeconds(1);
    private final HttpClient client = HttpClients.noRedirects(Duration.ofSeconds(2));

    @Test
    void silentServerIsAStallBeforeTheHeaders() throws IOException {
        try (StallingServer server = StallingServer.start(Stall.SILENT)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/v2/account?token=s3cret"))
                .timeout(Duration.ofSeconds(30)).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> BoundedHttp.send(client, request, BOUND))
                .isInstanceOf(HttpStall.class)
                .hasMessage("GET " + server.url() + "/v2/account sent no status line and headers within 1s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND.plus(Stalls.MARGIN));
        }
    }

    @Test
    void bodyThatStallsAfterTheHeadersIsAStallNamingWhatArrived() throws IOException {
        try (StallingServer server = StallingServer.start(Stall.MID_BODY)) {
            // The request's own timeout is long: on JDK 17 it ends with the headers anyway.
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/config/"))
                .timeout(Duration.ofSeconds(30)).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> BoundedHttp.send(client, request, BOUND))
                .isInstanceOf(HttpStall.class)
                .hasMessage("GET " + server.url() + "/config/ answered HTTP 200, then its body stalled after 3 of 1000"
                    + " bytes; gave up after 1s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND.plus(Stalls.MARGIN));
        }
    }

    @Test
    void statusOnlyIsNotHeldByAStalledBody() throws Exception {
        try (StallingServer server = StallingServer.start(Stall.MID_BODY)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/health")).build();
            assertThat(Stalls.returnsWithin(BOUND, () -> {
                try {
                    return BoundedHttp.status(client, request, BOUND);
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            })).isEqualTo(200);
        }
    }

    @Test
    void aBodyOverTheCapIsRefusedUnread() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/huge", BoundedHttpTest::answerOverTheCap);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/huge");
            assertThatThrownBy(() -> BoundedHttp.send(client, HttpRequest.newBuilder(uri).build(), Duration.ofSeconds(20)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("GET " + uri + " is larger than 8 MiB; not read");
        } finally {
            server.stop(0);
        }
    }

    /** A 200 whose body goes on past {@link BoundedHttp#MAX_BODY_BYTES}. */
    static void answerOverTheCap(HttpExchange exchange) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int sent = 0; sent <= BoundedHttp.MAX_BODY_BYTES; sent += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException clientGaveUp) {
            // expected: the client stops reading at the cap
        }
    }

    @Test
    void anAnswerInTimeIsReadWhole() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes();
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ok");
            HttpResponse<String> response = BoundedHttp.send(client, HttpRequest.newBuilder(uri).build(),
                Duration.ofSeconds(20));
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).isEqualTo("{\"ok\":true}");
        } finally {
            server.stop(0);
        }
    }
}
