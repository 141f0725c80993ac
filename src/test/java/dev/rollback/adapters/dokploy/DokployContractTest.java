package dev.rollback.adapters.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.rollback.adapters.dokploy.DokployStub.APPLICATION_DEPLOYMENTS;
import static dev.rollback.adapters.dokploy.DokployStub.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.dokploy.Dokploy.Target;
import dev.rollback.adapters.dokploy.Dokploy.Target.Kind;
import dev.rollback.contract.ContractCheckedStub;
import dev.rollback.contract.DokployContract;
import dev.rollback.core.Json;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract test of every Dokploy operation the tool uses: each {@link Dokploy} method sends its
 * requests to a stub that holds them against Dokploy's published openapi.json
 * ({@link DokployContract}), and a method or an operation added without a case here fails.
 */
class DokployContractTest {
    @RegisterExtension
    static final ContractCheckedStub DOKPLOY = DokployStub.extension();

    /** Which operations each method of {@link Dokploy} sends: a new method needs a line here and a call below. */
    private static final Map<String, List<String>> OPERATIONS_BY_METHOD = Map.of(
        "deployments", List.of("GET /deployment.all", "GET /deployment.allByCompose"),
        "redeploy", List.of("POST /application.redeploy", "POST /compose.redeploy"),
        "rollback", List.of("POST /rollback.rollback"));

    @Test
    void everyOperationTheClientSendsFollowsDokploysDocument() {
        DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.all")).willReturn(okJson(APPLICATION_DEPLOYMENTS)));
        DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.allByCompose")).willReturn(okJson("[]")));
        // Dokploy's routers answer a queued redeploy with true (or an acknowledgement object), a rollback with nothing.
        DOKPLOY.stubFor(post("/api/application.redeploy").willReturn(okJson("true")));
        DOKPLOY.stubFor(post("/api/compose.redeploy").willReturn(okJson("true")));
        DOKPLOY.stubFor(post("/api/rollback.rollback").willReturn(aResponse().withStatus(200)));
        DokployClient client = DokployStub.client(DOKPLOY);

        client.deployments(new Target(Kind.APPLICATION, "app-1"));
        client.deployments(new Target(Kind.COMPOSE, "cmp-1"));
        client.redeploy(new Target(Kind.APPLICATION, "app-1"), "rollback: redeploy", "requested by the rollback CLI");
        client.redeploy(new Target(Kind.COMPOSE, "cmp-1"), null, null);
        client.rollback("rb-2");

        assertThat(DOKPLOY.operationsSeen()).containsExactlyInAnyOrderElementsOf(DokployContract.OPERATIONS);
    }

    @Test
    void everyMethodOfTheInterfaceHasItsOperationsDeclared() {
        Set<String> methods = Arrays.stream(Dokploy.class.getDeclaredMethods()).filter(m -> !m.isDefault())
            .map(Method::getName).filter(name -> !name.equals("describe")).collect(Collectors.toSet());
        List<String> declared = OPERATIONS_BY_METHOD.values().stream().flatMap(List::stream).toList();

        assertThat(OPERATIONS_BY_METHOD.keySet()).as("methods of Dokploy").isEqualTo(methods);
        assertThat(declared).containsExactlyInAnyOrderElementsOf(DokployContract.OPERATIONS);
    }

    @Test
    void theExtractHoldsExactlyTheDeclaredOperations() throws Exception {
        JsonNode document;
        try (InputStream in = getClass().getResourceAsStream("/contracts/dokploy/dokploy-openapi-extract.json")) {
            document = Json.MAPPER.readTree(in);
        }
        Set<String> extracted = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
            .forEachRemaining(method -> extracted.add(method.toUpperCase() + " " + path.getKey())));

        assertThat(document.path("openapi").asText()).startsWith("3.1");
        assertThat(extracted).containsExactlyInAnyOrderElementsOf(DokployContract.OPERATIONS);
    }

    @Test
    void aWrongFieldAMissingKeyAndAnUndeclaredOperationAreCaughtWithTheValidatorsWords() throws Exception {
        DOKPLOY.stubFor(post("/api/application.redeploy").willReturn(okJson("true")));
        DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.all")).willReturn(okJson("[]")));

        send("POST", "/api/application.redeploy", "{\"applicationID\": \"app-1\", \"title\": 7}", KEY);
        send("GET", "/api/deployment.all?applicationId=", null, null);
        send("GET", "/api/application.one?applicationId=app-1", null, KEY);

        List<String> violations = DOKPLOY.takeViolations();
        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("POST /api/application.redeploy")
            .contains("required property 'applicationId' not found"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("/title").contains("integer found, string expected"));
        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("GET /api/deployment.all")
            .contains("no x-api-key header"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("query parameter applicationId")
            .contains("must be at least 1 characters long"));
        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("GET /api/application.one")
            .contains("not an operation this tool declares"));
    }

    @Test
    void anErrorBodyOutsideDokploysErrorShapeIsCaught() throws Exception {
        DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.all")).willReturn(aResponse().withStatus(401)
            .withHeader("Content-Type", "application/json").withBody("{\"error\": \"Unauthorized\"}")));

        send("GET", "/api/deployment.all?applicationId=app-1", null, KEY);

        assertThat(DOKPLOY.takeViolations()).anySatisfy(v -> assertThat(v).contains("answer 401")
            .contains("required property 'message' not found"));
    }

    /** A raw request, since the client cannot be made to send a wrong one. */
    private static void send(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(DOKPLOY.baseUrl() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
        if (key != null) {
            headers.addAll(List.of("x-api-key", key));
        }
        request.headers(headers.toArray(String[]::new));
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
    }
}
