package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SwarmEngine's requests and error translation against a fake daemon on 127.0.0.1: the cases a
 * real single-node swarm cannot show without leaving the swarm (a node that is not a manager) or
 * that must be exact (the body of an update).
 */
class SwarmEngineTest {
    private static final String NOT_A_MANAGER = "{\"message\":\"This node is not a swarm manager. Use \\\"docker swarm"
        + " init\\\" or \\\"docker swarm join\\\" to connect this node to swarm and try again.\"}";
    /** As Engine 20.10 returns it, with fields docker-java's model classes do not know. */
    private static final String SERVICE = """
        {"ID":"svc123","Version":{"Index":42},"Spec":{"Name":"shop_web","Labels":{},"TaskTemplate":{
         "ContainerSpec":{"Image":"shop/web:v1","Isolation":"default","CapabilityAdd":["CAP_NET_ADMIN"],
         "Ulimits":[{"Name":"nofile","Hard":2000,"Soft":1000}],"Sysctls":{"net.core.somaxconn":"512"}},
         "Placement":{"Preferences":[{"Spread":{"SpreadDescriptor":"node.id"}}]},"ForceUpdate":0},
         "Mode":{"Replicated":{"Replicas":1}}}}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> requests = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private HttpServer daemon;

    @AfterEach
    void stopDaemon() {
        if (daemon != null) {
            daemon.stop(0);
        }
    }

    @Test
    void aNodeThatIsNotASwarmManagerIsARefusalSayingSo() throws IOException {
        try (DockerEngine engine = fakeDaemon(exchange -> answer(exchange, 503, NOT_A_MANAGER))) {
            Swarm swarm = engine.swarm();

            assertFailsWith(ExitCode.REFUSED, () -> swarm.stackServices("shop"))
                .contains("stack shop", "is not a swarm manager", engine.endpoint(), "manager node");
            assertFailsWith(ExitCode.REFUSED, () -> swarm.updateImage("shop_web", "shop/web:v0"))
                .contains("is not a swarm manager");
            assertFailsWith(ExitCode.REFUSED, () -> swarm.rollbackToPrevious("shop_web"))
                .contains("is not a swarm manager");
        }
    }

    @Test
    void updateImageSendsTheDaemonsOwnSpecBackWithOnlyTheImageChangedAtItsVersion() throws IOException {
        try (DockerEngine engine = fakeDaemon(this::serviceThenAcceptUpdate)) {
            engine.swarm().updateImage("shop_web", "shop/web:rollback-1");
        }

        assertThat(requests).containsExactly("GET /services/shop_web", "POST /services/svc123/update?version=42");
        JsonNode expected = JSON.readTree(SERVICE).path("Spec");
        ((ObjectNode) expected.path("TaskTemplate").path("ContainerSpec"))
            .put("Image", "shop/web:rollback-1");
        assertThat(JSON.readTree(bodies.get(1))).isEqualTo(expected);
    }

    @Test
    void updateImageToTheSameReferenceForcesNewTasks() throws IOException {
        try (DockerEngine engine = fakeDaemon(this::serviceThenAcceptUpdate)) {
            engine.swarm().updateImage("shop_web", "shop/web:v1");
        }

        JsonNode sent = JSON.readTree(bodies.get(1)).path("TaskTemplate");
        assertThat(sent.path("ContainerSpec").path("Image").asText()).isEqualTo("shop/web:v1");
        assertThat(sent.path("ForceUpdate").asLong()).isEqualTo(1);
    }

    @Test
    void scaleSendsTheDaemonsOwnSpecBackWithOnlyTheReplicasChangedAndAnswersTheOldCount() throws IOException {
        int previous;
        try (DockerEngine engine = fakeDaemon(this::serviceThenAcceptUpdate)) {
            previous = engine.swarm().scale("shop_web", 0);
        }

        assertThat(previous).isEqualTo(1);
        assertThat(requests).containsExactly("GET /services/shop_web", "POST /services/svc123/update?version=42");
        JsonNode expected = JSON.readTree(SERVICE).path("Spec");
        ((ObjectNode) expected.path("Mode").path("Replicated")).put("Replicas", 0);
        assertThat(JSON.readTree(bodies.get(1))).isEqualTo(expected);
    }

    @Test
    void scalingToTheCurrentCountWritesNothing() throws IOException {
        try (DockerEngine engine = fakeDaemon(this::serviceThenAcceptUpdate)) {
            assertThat(engine.swarm().scale("shop_web", 1)).isEqualTo(1);
        }

        assertThat(requests).containsExactly("GET /services/shop_web");
    }

    @Test
    void aGlobalServiceCannotBeScaled() throws IOException {
        String global = SERVICE.replace("\"Mode\":{\"Replicated\":{\"Replicas\":1}}", "\"Mode\":{\"Global\":{}}");
        try (DockerEngine engine = fakeDaemon(exchange -> answer(exchange, 200, global))) {
            assertFailsWith(ExitCode.REFUSED, () -> engine.swarm().scale("shop_web", 0))
                .contains("shop_web", "Global mode", "cannot be scaled");
        }

        assertThat(requests).containsExactly("GET /services/shop_web");
    }

    @Test
    void theDaemonsRefusalOfAnUpdateIsAFailureWithItsMessage() throws IOException {
        try (DockerEngine engine = fakeDaemon(exchange -> {
            if ("GET".equals(exchange.getRequestMethod())) {
                answer(exchange, 200, SERVICE);
            } else {
                answer(exchange, 500, "{\"message\":\"rpc error: code = Unknown desc = update out of sequence\"}");
            }
        })) {
            assertFailsWith(ExitCode.FAILED, () -> engine.swarm().updateImage("shop_web", "shop/web:v0"))
                .isEqualTo("cannot update service shop_web: rpc error: code = Unknown desc = update out of sequence");
        }
    }

    @Test
    void aMissingDaemonIsUnreachableOnEveryPath() {
        try (DockerEngine engine = DockerEngine.open("unix:///tmp/rbit-no-such-docker.sock")) {
            Swarm swarm = engine.swarm();

            assertFailsWith(ExitCode.UNREACHABLE, () -> swarm.service("shop_web")).contains("dockerd");
            assertFailsWith(ExitCode.UNREACHABLE, () -> swarm.updateImage("shop_web", "shop/web:v0"));
            assertFailsWith(ExitCode.UNREACHABLE, () -> swarm.awaitConverged("shop_web", Duration.ofSeconds(1)));
        }
    }

    @Test
    void namesThatCannotBeSwarmServicesAreRejectedBeforeAnyRequest() {
        try (DockerEngine engine = DockerEngine.open("unix:///tmp/rbit-no-such-docker.sock")) {
            assertFailsWith(ExitCode.USAGE, () -> engine.swarm().rollbackToPrevious("../containers/x"))
                .contains("not a valid Swarm service name");
        }
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private DockerEngine fakeDaemon(Handler handler) throws IOException {
        daemon = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        daemon.createContext("/", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                handler.handle(exchange);
            }
        });
        daemon.start();
        return DockerEngine.open("tcp://127.0.0.1:" + daemon.getAddress().getPort());
    }

    private void serviceThenAcceptUpdate(HttpExchange exchange) throws IOException {
        answer(exchange, 200, "GET".equals(exchange.getRequestMethod()) ? SERVICE : "{\"Warnings\":null}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static AbstractStringAssert<?> assertFailsWith(int exitCode, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(RollbackException.class);
        RollbackException error = (RollbackException) thrown;
        assertThat(error.exitCode()).as("exit code of: " + error.getMessage()).isEqualTo(exitCode);
        return assertThat(error.getMessage());
    }
}
