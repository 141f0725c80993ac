package dev.rollback.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rollback.core.config.NotifyConfig;
import dev.rollback.core.config.WebhookConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against a local receiver: which posts go where, and warnings that name the host only. */
class WebhooksTest {
    private static final RunNotice START = new RunNotice("start", "backup", null, null, null, null, "h", null);
    private static final RunNotice FAILED = new RunNotice("end", "backup", null, "failed", 5L, null, "h",
        "pg_dump failed for s3cret-Value");
    private static final RunNotice SUCCEEDED = new RunNotice("end", "backup", null, "succeeded", 5L, null, "h", null);

    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/ok", exchange -> {
            received.add(exchange.getRequestURI().getPath() + " "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.createContext("/gone", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static RunNotifier notifier(WebhookConfig... hooks) {
        return Webhooks.of(new NotifyConfig(List.of(hooks), Duration.ofSeconds(2)), List.of("s3cret-Value"));
    }

    @Test
    void eachWebhookGetsTheEventsItAskedFor() {
        RunNotifier notifier = notifier(new WebhookConfig(url("/ok/all"), "json", null),
            new WebhookConfig(url("/ok/failures"), "slack", List.of("failure")));
        notifier.started(START);
        notifier.ended(FAILED);
        assertThat(notifier.finish()).isEmpty();
        assertThat(received).hasSize(3);
        assertThat(received).filteredOn(post -> post.startsWith("/ok/all ")).hasSize(2);
        assertThat(received).filteredOn(post -> post.startsWith("/ok/failures ")).singleElement().asString()
            .contains("\"text\":").contains("<redacted>").doesNotContain("s3cret-Value");

        RunNotifier again = notifier(new WebhookConfig(url("/ok/failures"), "slack", List.of("failure")));
        again.started(START);
        again.ended(SUCCEEDED);
        assertThat(again.finish()).isEmpty();
        assertThat(received).hasSize(3);
    }

    @Test
    void aRefusalOrAClosedPortIsAWarningNamingTheHostOnly() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        RunNotifier notifier = notifier(new WebhookConfig(url("/gone/T0/B0/pathToken"), "discord", List.of("end")),
            new WebhookConfig("http://127.0.0.1:" + closed + "/T0/B0/pathToken", "json", List.of("end")));
        notifier.ended(SUCCEEDED);
        List<String> warnings = notifier.finish();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).isEqualTo("webhook 127.0.0.1 (end post) answered HTTP 404");
        assertThat(warnings.get(1)).startsWith("webhook 127.0.0.1 (end post) could not connect");
        assertThat(warnings).allSatisfy(warning -> assertThat(warning).doesNotContain("pathToken"));
    }
}
