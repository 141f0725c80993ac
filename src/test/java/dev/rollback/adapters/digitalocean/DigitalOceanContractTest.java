package dev.rollback.adapters.digitalocean;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.rollback.adapters.digitalocean.DigitalOceanApiStub.DROPLET;
import static dev.rollback.adapters.digitalocean.DigitalOceanApiStub.ENV;
import static dev.rollback.adapters.digitalocean.DigitalOceanApiStub.TOKEN;
import static dev.rollback.adapters.digitalocean.DigitalOceanApiStub.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.rollback.adapters.digitalocean.DigitalOcean.Action;
import dev.rollback.adapters.digitalocean.DigitalOcean.Droplet;
import dev.rollback.adapters.digitalocean.DigitalOcean.NewDroplet;
import dev.rollback.adapters.http.ApiBase;
import dev.rollback.adapters.http.EnvSecret;
import dev.rollback.contract.ContractCheckedStub;
import dev.rollback.contract.DigitalOceanContract;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * The contract test of every DigitalOcean operation the tool uses, and of what the real API does
 * that stubs tend to forget (a rate limit, an errored action, lists over pages, a droplet that is
 * off): every request and every stub answer is held against DigitalOcean's published document
 * ({@link DigitalOceanContract}); a method or an operation added without a case here fails.
 */
class DigitalOceanContractTest {
    @RegisterExtension
    static final ContractCheckedStub API = DigitalOceanApiStub.extension();

    /** Which operations each method of {@link DigitalOcean} sends: a new method needs a line here and a call below. */
    private static final Map<String, List<String>> OPERATIONS_BY_METHOD = Map.of(
        "droplet", List.of("GET /v2/droplets/{droplet_id}"),
        "snapshots", List.of("GET /v2/droplets/{droplet_id}/snapshots"),
        "backups", List.of("GET /v2/droplets/{droplet_id}/backups"),
        "rebuild", List.of("POST /v2/droplets/{droplet_id}/actions"),
        "restore", List.of("POST /v2/droplets/{droplet_id}/actions"),
        "action", List.of("GET /v2/actions/{action_id}"),
        "createDroplet", List.of("POST /v2/droplets"),
        "aRecords", List.of("GET /v2/domains/{domain_name}/records"),
        "updateA", List.of("PUT /v2/domains/{domain_name}/records/{domain_record_id}"));

    private final List<Duration> slept = new ArrayList<>();

    private DigitalOceanClient client() {
        return client(Duration.ofSeconds(90));
    }

    /** A client whose rate-limit waits are recorded, not slept. */
    private DigitalOceanClient client(Duration rateLimitBound) {
        return new DigitalOceanClient(ApiBase.parse("digitalocean.api-url", API.baseUrl(), "the token"),
            EnvSecret.require("DIGITALOCEAN_TOKEN", ENV, "token", "export it"), Duration.ofSeconds(5),
            new RateLimits(rateLimitBound, Clock.systemUTC(), slept::add));
    }

    @Test
    void everyOperationTheClientSendsAndEveryStubAnswerFollowDigitalOceansDocument() {
        DigitalOceanApiStub stub = DigitalOceanApiStub.on(API);
        stub.droplet(DROPLET, "merq-prod", "active", "203.0.113.10");
        stub.imagePages(DROPLET, "snapshots", List.of(
            List.of(image(11, "merq 2025-02-01", "2025-02-01T02:00:00Z", "snapshot")),
            List.of(image(12, "merq 2025-02-08", "2025-02-08T02:00:00Z", "snapshot"))));
        stub.imagePages(DROPLET, "backups", List.of(List.of(image(21, "merq backup", "2025-02-09T02:00:00Z", "backup"))));
        stub.dropletAction(DROPLET, "rebuild", 501);
        stub.dropletAction(DROPLET, "restore", 502);
        stub.actionPolls(501, "rebuild", DROPLET, 0, "completed");
        stub.createDroplet(777, "merq-prod-rebuild");
        stub.aRecord("example.com", "api", 3352896, "203.0.113.10", 1800, "198.51.100.7");
        DigitalOceanClient client = client();

        client.droplet(DROPLET);
        assertThat(client.snapshots(DROPLET)).hasSize(2);
        client.backups(DROPLET);
        client.rebuild(DROPLET, 12);
        client.restore(DROPLET, 21);
        client.action(501);
        client.createDroplet(new NewDroplet("merq-prod-rebuild", "sgp1", "s-2vcpu-2gb", 12, List.of("512190"),
            List.of("rollback-rebuild")));
        client.aRecords("example.com", "api.example.com");
        client.updateA("example.com", 3352896, "198.51.100.7", 60);

        assertThat(API.operationsSeen()).containsExactlyInAnyOrderElementsOf(DigitalOceanContract.OPERATIONS);
    }

    @Test
    void everyMethodOfTheInterfaceHasItsOperationsDeclared() {
        Set<String> methods = Arrays.stream(DigitalOcean.class.getDeclaredMethods()).filter(m -> !m.isDefault())
            .map(Method::getName).filter(name -> !name.equals("describe")).collect(Collectors.toSet());
        Set<String> declared = OPERATIONS_BY_METHOD.values().stream().flatMap(List::stream).collect(Collectors.toSet());

        assertThat(OPERATIONS_BY_METHOD.keySet()).as("methods of DigitalOcean").isEqualTo(methods);
        assertThat(declared).containsExactlyInAnyOrderElementsOf(DigitalOceanContract.OPERATIONS);
    }

    @Test
    void theExtractHoldsExactlyTheDeclaredOperations() throws Exception {
        JsonNode document;
        try (InputStream in = getClass().getResourceAsStream("/contracts/digitalocean/digitalocean-openapi-extract.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Set<String> extracted = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!method.equals("parameters")) {
                extracted.add(method.toUpperCase() + " " + path.getKey());
            }
        }));

        assertThat(document.path("openapi").asText()).startsWith("3.0");
        assertThat(extracted).containsExactlyInAnyOrderElementsOf(DigitalOceanContract.OPERATIONS);
    }

    @Test
    void aMisspeltFieldAWrongTypeAMissingTokenAndABadIdAreCaughtWithTheValidatorsWords() throws Exception {
        API.stubFor(post(urlPathEqualTo("/v2/droplets/" + DROPLET + "/actions")).willReturn(aResponse().withStatus(201)));
        API.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo("/v2/domains/example.com/records/1"))
            .willReturn(aResponse().withStatus(200)));

        send("POST", "/v2/droplets/" + DROPLET + "/actions", "{\"type\": \"rebuild\", \"imgae\": 12}", TOKEN);
        send("POST", "/v2/droplets/" + DROPLET + "/actions", "{\"type\": \"rebuilt\", \"image\": 12}", TOKEN);
        send("PUT", "/v2/domains/example.com/records/1", "{\"type\": \"A\", \"data\": \"198.51.100.7\", \"ttl\": \"60\"}", TOKEN);
        send("POST", "/v2/droplets/" + DROPLET + "/actions", "{\"type\": \"rebuild\", \"image\": 12}", null);
        send("GET", "/v2/actions/latest", null, TOKEN);

        List<String> violations = API.takeViolations();
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("request body field 'imgae' is not in the document"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("\"rebuilt\"").contains("enum"));
        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("PUT /v2/domains/example.com/records/1")
            .contains("ttl").contains("string"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("validation.request.security"));
        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("GET /v2/actions/latest")
            .contains("validation.request.parameter"));
    }

    @Test
    void aStubAnswerOutsideTheDocumentIsCaught() {
        API.stubFor(get(urlPathEqualTo("/v2/actions/9")).willReturn(okJson(
            "{\"action\": {\"id\": 9, \"status\": \"finished\", \"type\": \"rebuild\"}}")));

        client().action(9);

        assertThat(API.takeViolations()).anySatisfy(v -> assertThat(v).startsWith("GET /v2/actions/9")
            .contains("validation.response.body"));
    }

    @Test
    void aRateLimitIsWaitedOutUntilItsResetAndTheRefusedRequestSentAgain() {
        String scenario = "limited";
        API.stubFor(post(urlPathEqualTo("/v2/droplets/" + DROPLET + "/actions")).inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("reset")
            .willReturn(tooManyRequests(Instant.now().plusSeconds(2))));
        API.stubFor(post(urlPathEqualTo("/v2/droplets/" + DROPLET + "/actions")).inScenario(scenario)
            .whenScenarioStateIs("reset").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"action\": " + DigitalOceanApiStub.actionJson(501, "rebuild", "in-progress", DROPLET) + "}")));

        Action started = client().rebuild(DROPLET, 12);

        assertThat(started.id()).isEqualTo(501);
        assertThat(slept).hasSize(1);
        assertThat(slept.get(0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
        API.verify(2, postRequestedFor(urlPathEqualTo("/v2/droplets/" + DROPLET + "/actions")));
    }

    @Test
    void aRateLimitThatResetsBeyondTheRunsBoundIsExit4SayingWhen() {
        Instant inAnHour = Instant.now().plusSeconds(3600);
        API.stubFor(get(urlPathEqualTo("/v2/droplets/" + DROPLET)).willReturn(tooManyRequests(inAnHour)));

        RollbackException e = catchThrowableOfType(RollbackException.class, () -> client().droplet(DROPLET));

        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.getMessage()).contains("rate-limiting this token", "API rate limit exceeded.",
            "resets at " + Instant.ofEpochSecond(inAnHour.getEpochSecond()), "run again").doesNotContain("\n")
            .doesNotContain(TOKEN);
        assertThat(slept).isEmpty();
        API.verify(1, getRequestedFor(urlPathEqualTo("/v2/droplets/" + DROPLET)));
    }

    @Test
    void theWaitsOfOneRunShareOneBound() {
        API.stubFor(get(urlPathEqualTo("/v2/droplets/" + DROPLET)).willReturn(tooManyRequests(Instant.now().plusSeconds(5))));

        RollbackException e = catchThrowableOfType(RollbackException.class, () -> client(Duration.ofSeconds(14)).droplet(DROPLET));

        // Each wait is the reset (whole seconds, up to 5 s away) plus 1 s: 14 s allow two or three of them.
        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(slept).hasSizeBetween(2, 3);
        assertThat(slept.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofSeconds(14));
    }

    @Test
    void anErroredActionAndADropletThatIsOffAreReadAsTheApiSendsThem() {
        DigitalOceanApiStub stub = DigitalOceanApiStub.on(API);
        stub.actionPolls(502, "restore", DROPLET, 1, "errored");
        stub.droplet(DROPLET, "merq-prod", "off", "203.0.113.10");
        DigitalOceanClient client = client();

        assertThat(client.action(502).status()).isEqualTo("in-progress");
        Action done = client.action(502);
        Droplet off = client.droplet(DROPLET);

        assertThat(done.errored()).isTrue();
        assertThat(done.completed()).isFalse();
        assertThat(off.status()).isEqualTo("off");
        assertThat(off.publicIpv4()).isEqualTo("203.0.113.10");
        assertThat(off.active()).isFalse();
    }

    /** DigitalOcean's 429 as its document gives it: the error body and the three rate-limit headers. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tooManyRequests(Instant reset) {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
            .withHeader("ratelimit-limit", "5000").withHeader("ratelimit-remaining", "0")
            .withHeader("ratelimit-reset", String.valueOf(reset.getEpochSecond()))
            .withBody("{\"id\": \"too_many_requests\", \"message\": \"API rate limit exceeded.\"}");
    }

    /** A raw request, since the client cannot be made to send a wrong one. */
    private static void send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(API.baseUrl() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
    }
}
