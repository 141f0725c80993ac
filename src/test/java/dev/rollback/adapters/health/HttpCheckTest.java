package dev.rollback.adapters.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.HttpCheckConfig;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpCheckTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private TestHttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new TestHttpServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void expectedStatusIsHealthyWithTheTimeTaken() {
        HealthResult result = check("/ok", 200).probe();

        assertThat(result.healthy()).isTrue();
        assertThat(result.name()).isEqualTo("http:api");
        assertThat(result.detail()).matches("200 in \\d+ ms");
    }

    @Test
    void serverErrorIsUnhealthyWithTheStatusLine() {
        HealthResult result = check("/fail", 200).probe();

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("500 Internal Server Error (expected 200)");
    }

    @Test
    void serviceUnavailableIsNamed() {
        assertThat(check("/unavailable", 200).probe().detail()).isEqualTo("503 Service Unavailable (expected 200)");
    }

    @Test
    void anyStatusOtherThanTheExpectedOneIsUnhealthy() {
        HealthResult okButExpected204 = check("/ok", 204).probe();
        HealthResult failureExpected = check("/fail", 500).probe();

        assertThat(okButExpected204.healthy()).isFalse();
        assertThat(okButExpected204.detail()).isEqualTo("200 OK (expected 204)");
        assertThat(failureExpected.healthy()).isTrue();
    }

    @Test
    void redirectsAreNotFollowed() {
        HealthResult result = check("/redirect", 200).probe();

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("302 Found (expected 200)");
    }

    @Test
    void closedPortIsConnectionRefused() throws Exception {
        HttpCheck check = new HttpCheck("api", TestHttpServer.closedPortUrl(), 200, null, TIMEOUT);

        HealthResult result = check.probe();

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("connection refused");
    }

    @Test
    void slowAnswerIsUnhealthyOnceTheRequestTimeoutPasses() {
        HttpCheck check = new HttpCheck("api", server.url("/slow"), 200, null, Duration.ofMillis(300));

        long start = System.nanoTime();
        HealthResult result = check.probe();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("GET " + server.url("/slow") + " sent no status line and headers within 300ms");
        assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofMillis(300 + 1500));
    }

    @Test
    void hostHeaderIsSentInsteadOfTheUrlHost() {
        HttpCheck check = new HttpCheck("api", server.url("/host"), 200, "app.example.com", TIMEOUT);

        assertThat(check.probe().healthy()).isTrue();

        assertThat(server.hostHeaders).containsExactly("app.example.com");
    }

    @Test
    void withoutHostHeaderTheUrlHostIsSent() {
        check("/host", 200).probe();

        assertThat(server.hostHeaders).singleElement().asString().startsWith("127.0.0.1:");
    }

    @Test
    void fromConfigUsesUrlExpectHostAndTimeout() {
        HttpCheckConfig config = new HttpCheckConfig("web", server.url("/host").toString(), 200,
            "web.example.com", Duration.ofSeconds(1), null);

        HttpCheck check = HttpCheck.from(config);

        assertThat(check.name()).isEqualTo("http:web");
        assertThat(check.probe().healthy()).isTrue();
        assertThat(server.hostHeaders).containsExactly("web.example.com");
    }

    @Test
    void fromConfigRefusesAUrlThatIsNotOne() {
        HttpCheckConfig config = new HttpCheckConfig("web", "http://exa mple.com/health", null, null, null, null);

        assertThatThrownBy(() -> HttpCheck.from(config))
            .isInstanceOf(RollbackException.class)
            .hasMessageContaining("health check web")
            .hasMessageContaining("not a valid URL")
            .extracting(e -> ((RollbackException) e).exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void allowHostHeaderKeepsOtherAllowedHeaders() {
        String before = System.getProperty(HttpCheck.RESTRICTED_HEADERS_PROPERTY);
        try {
            System.setProperty(HttpCheck.RESTRICTED_HEADERS_PROPERTY, "connection");
            HttpCheck.allowHostHeader();
            HttpCheck.allowHostHeader();
            assertThat(System.getProperty(HttpCheck.RESTRICTED_HEADERS_PROPERTY)).isEqualTo("connection,host");
        } finally {
            if (before == null) {
                System.clearProperty(HttpCheck.RESTRICTED_HEADERS_PROPERTY);
            } else {
                System.setProperty(HttpCheck.RESTRICTED_HEADERS_PROPERTY, before);
            }
        }
    }

    private HttpCheck check(String path, int expect) {
        URI url = server.url(path);
        return new HttpCheck("api", url, expect, null, TIMEOUT);
    }
}
