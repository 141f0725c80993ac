package dev.rollback.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rollback.adapters.http.StallingServer.Stall;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one JSON API client: what it sends, what it reads, and what it hands the vendor's
 * {@link ApiErrors} for each kind of failure. The vendor here words every failure as its inputs,
 * so each test sees exactly what a real vendor class would get.
 */
class JsonApiTest {
    private static final String TOKEN = "tok_JsonApiTestOnly9Xy";
    private static final EnvSecret SECRET = EnvSecret.require("TEST_TOKEN", Map.of("TEST_TOKEN", TOKEN), "token", "set it");
    private static final ApiCall CALL = ApiCall.post("/v1/things", "thing 7");
    /** The stall test's bound; the others get a generous one, for a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    private HttpServer server;
    private final List<HttpExchange> received = new CopyOnWriteArrayList<>();
    private final List<String> receivedBodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheCredentialAndHeadersAndReadsTheAcceptedJson() {
        answer(201, Map.of(), "{\"id\": 7}");

        JsonNode answer = api().send(CALL, uri(), Map.of("name", "seven"));

        assertThat(answer.path("id").asInt()).isEqualTo(7);
        HttpExchange request = received.get(0);
        assertThat(request.getRequestMethod()).isEqualTo("POST");
        assertThat(request.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getRequestHeaders().getFirst("Accept")).isEqualTo("application/json");
        assertThat(request.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(receivedBodies.get(0)).isEqualTo("{\"name\":\"seven\"}");
    }

    @Test
    void aCallWithoutABodySendsNoContentType() {
        answer(200, Map.of(), "[]");

        assertThat(api().send(ApiCall.get("/v1/things", "things"), uri(), null).isArray()).isTrue();

        assertThat(received.get(0).getRequestMethod()).isEqualTo("GET");
        assertThat(received.get(0).getRequestHeaders().containsKey("Content-Type")).isFalse();
    }

    @Test
    void anEmptyAnswerIsAMissingNodeAndPerformReadsNoJson() {
        answer(200, Map.of(), "");
        assertThat(api().send(CALL, uri(), null).isMissingNode()).isTrue();

        answer(200, Map.of(), "queued, not JSON");
        api().perform(CALL, uri(), Map.of("id", "7"));
    }

    @Test
    void anAcceptedAnswerThatIsNotJsonIsMalformed() {
        assertThat(messageFor(200, Map.of(), "<html>maintenance</html>")).isEqualTo("malformed POST /v1/things: not JSON");
    }

    @Test
    void aStatusTheVendorDoesNotAcceptGoesToItWithTheServersWordsOnOneMaskedLine() {
        assertThat(messageFor(422, Map.of(), "{\"message\": \"bad\\n   value " + TOKEN + "\"}"))
            .isEqualTo("status 422 of POST /v1/things for thing 7: [bad value ***] location=null");
    }

    @Test
    void anErrorPageThatIsNotJsonIsTheStatusAlone() {
        assertThat(messageFor(502, Map.of(), "<html><body><h1>502 Bad Gateway</h1></body></html>"))
            .isEqualTo("status 502 of POST /v1/things for thing 7: [] location=null");
    }

    @Test
    void aLongMessageIsCutToTheCap() {
        String message = messageFor(500, Map.of(), "{\"message\": \"" + "x".repeat(1000) + "\"}");

        assertThat(message.substring(message.indexOf('[') + 1, message.indexOf(']')))
            .hasSize(ServerText.MAX_CHARS).endsWith("…");
    }

    @Test
    void aRedirectIsNotFollowedAndItsLocationIsHandedOn() {
        assertThat(messageFor(302, Map.of("Location", "https://elsewhere.example/v1/things?token=" + TOKEN), ""))
            .isEqualTo("status 302 of POST /v1/things for thing 7: [] location=https://elsewhere.example/v1/things?token=***");
        assertThat(received).hasSize(1);
    }

    @Test
    void theVendorDecidesWhichStatusIsSuccess() {
        answer(200, Map.of(), "{}");
        ApiErrors onlyCreated = new WordingErrors() {
            @Override
            public boolean accepted(int status) {
                return status == 201;
            }
        };
        JsonApi api = new JsonApi(onlyCreated, Credential.bearer(SECRET), Map.of(), Duration.ofSeconds(2), GENEROUS);

        assertThat(failure(() -> api.send(CALL, uri(), null)).getMessage()).startsWith("status 200 of");
    }

    @Test
    void anAnswerOverTheSizeCapIsUnreachableUnread() {
        server.createContext("/", BoundedHttpTest::answerOverTheCap);

        RollbackException e = failure(() -> api().send(CALL, uri(), null));

        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.getMessage()).startsWith("unreachable POST /v1/things: the answer to POST " + uri())
            .endsWith("is larger than 8 MiB; not read");
    }

    @Test
    void aBodyThatStallsIsUnreachableWithinTheBound() throws IOException {
        try (StallingServer stalling = StallingServer.start(Stall.MID_BODY)) {
            URI uri = URI.create(stalling.url() + "/v1/things?secret=" + TOKEN);
            JsonApi api = new JsonApi(new WordingErrors(), Credential.bearer(SECRET), Map.of(), Duration.ofSeconds(2), BOUND);
            String message = Stalls.unreachableWithin(BOUND, () -> api.send(CALL, uri, null));

            assertThat(message).isEqualTo("unreachable POST /v1/things: POST " + stalling.url() + "/v1/things answered"
                + " HTTP 200, then its body stalled after 3 of 1000 bytes; gave up after 1s");
        }
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closed + "/v1/things");

        RollbackException e = failure(() -> api().send(CALL, nowhere, null));

        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.getMessage()).isEqualTo("unreachable POST /v1/things: connection refused");
    }

    @Test
    void anInterruptedCallIsTheVendorsInterruptedAndKeepsTheFlag() {
        answer(200, Map.of(), "{}");
        Thread.currentThread().interrupt();
        try {
            RollbackException e = failure(() -> api().send(CALL, uri(), null));

            assertThat(e.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anObserverSeesEachAnsweredExchangeWithoutTheCredential() {
        answer(404, Map.of(), "{\"message\": \"no thing 7\"}");
        List<Exchange> seen = new CopyOnWriteArrayList<>();

        failure(() -> api().observedBy(seen::add).send(CALL, uri(), Map.of("name", "seven")));

        assertThat(seen).containsExactly(new Exchange(CALL, uri(), "{\"name\":\"seven\"}", 404,
            "{\"message\": \"no thing 7\"}"));
        assertThat(seen.get(0).toString()).doesNotContain(TOKEN);
    }

    @Test
    void theClientNamesTheCredentialsSourceNotItsValue() {
        assertThat(api().toString()).contains("$TEST_TOKEN").doesNotContain(TOKEN);
    }

    private JsonApi api() {
        return new JsonApi(new WordingErrors(), Credential.bearer(SECRET), Map.of("Accept", "application/json"),
            Duration.ofSeconds(2), GENEROUS);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/things");
    }

    private void answer(int status, Map<String, String> headers, String body) {
        try {
            server.removeContext("/");
        } catch (IllegalArgumentException none) {
            // the first answer of this test
        }
        server.createContext("/", exchange -> {
            receivedBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(exchange);
            headers.forEach(exchange.getResponseHeaders()::add);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    /** The message of sending {@link #CALL} without a body to a server that answers so. */
    private String messageFor(int status, Map<String, String> headers, String body) {
        answer(status, headers, body);
        return failure(() -> api().send(CALL, uri(), null)).getMessage();
    }

    private static RollbackException failure(ThrowingCallable call) {
        RollbackException e = catchThrowableOfType(RollbackException.class, call);
        assertThat(e).as("expected a RollbackException").isNotNull();
        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("\n");
        return e;
    }

    /** A vendor that words each failure as exactly what it was handed. */
    private static class WordingErrors implements ApiErrors {
        @Override
        public RollbackException status(ApiCall call, ErrorAnswer answer) {
            return RollbackException.failed("status " + answer.status() + " of " + call + " for " + call.subject()
                + ": [" + answer.message() + "] location=" + answer.location());
        }

        @Override
        public RollbackException unreachable(ApiCall call, String reason, IOException cause) {
            return RollbackException.unreachable("unreachable " + call + ": " + reason, null);
        }

        @Override
        public RollbackException malformed(ApiCall call, String problem) {
            return RollbackException.failed("malformed " + call + ": " + problem);
        }

        @Override
        public RollbackException interrupted(ApiCall call, InterruptedException cause) {
            return new RollbackException(ExitCode.INTERRUPTED, "interrupted " + call);
        }
    }
}
