package dev.rollback.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.rollback.adapters.digitalocean.DigitalOceanApiStub.DROPLET;
import static dev.rollback.adapters.digitalocean.DigitalOceanApiStub.TOKEN;
import static dev.rollback.adapters.digitalocean.DigitalOceanApiStub.image;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.contract.ContractCheckedStub;
import dev.rollback.adapters.digitalocean.DigitalOceanApiStub;
import dev.rollback.core.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 4 on DigitalOcean, run as a user runs it (the jar), against a WireMock stub of the API and a
 * local web server standing in for the restored droplet: the stub gives the droplet the address
 * 127.0.0.1, so "verify before DNS" really probes that server with the records' Host headers.
 */
class InfraRebuildDigitalOceanE2EIT {
    @RegisterExtension
    static final ContractCheckedStub API = DigitalOceanApiStub.extension();

    static final String OLD_IP = "203.0.113.10";
    private static final long API_RECORD = 3352896;
    private static final long ADMIN_RECORD = 3352897;

    @TempDir
    Path dir;

    private DigitalOceanApiStub stub;
    private VirtualHosts server;

    @BeforeEach
    void stubTheApi() throws IOException {
        stub = DigitalOceanApiStub.on(API);
        server = new VirtualHosts(Set.of("api.example.com", "admin.example.com"));
        dropletConfig(dir, server, stub);
    }

    /**
     * rollback.yml of a stack on droplet {@link DigitalOceanApiStub#DROPLET} whose records api and
     * admin (both on {@code OLD_IP}, moving to 127.0.0.1) the stub serves, its health checks on
     * {@code server}; Docker is unreachable, as on a host whose droplet is gone.
     */
    static void dropletConfig(Path dir, VirtualHosts server, DigitalOceanApiStub stub) throws IOException {
        PrivateFiles.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: do%s, app-services: [backend, web] }
            backups: { dir: ./backups }
            state-dir: .rollback
            docker: { host: "tcp://127.0.0.1:1" }
            health:
              timeout: 3s
              interval: 100ms
              checks:
                - { name: api, url: "http://api.example.com:%d/health" }
                - { name: admin, url: "http://admin.example.com:%d/health" }
            digitalocean:
              droplet-id: %d
              domain: example.com
              records: [api, admin]
              api-url: "%s"
              poll-interval: 100ms
              action-timeout: 20s
            """.formatted(UUID.randomUUID().toString().substring(0, 8), server.port(), server.port(), DROPLET,
            stub.baseUrl()));
        dnsRecords(stub);
    }

    static void dnsRecords(DigitalOceanApiStub stub) {
        stub.aRecord("example.com", "api", API_RECORD, OLD_IP, 1800, "127.0.0.1");
        stub.aRecord("example.com", "admin", ADMIN_RECORD, OLD_IP, 1800, "127.0.0.1");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private RollbackCli.Run rollback(String... args) {
        String[] all = Stream.concat(Stream.of("--config", dir.resolve("rollback.yml").toString()), Stream.of(args))
            .toArray(String[]::new);
        return RollbackCli.run(dir, DigitalOceanApiStub.ENV, all);
    }

    private void dropletWithImages(String ip) {
        dropletWithImages(stub, ip);
    }

    /** The droplet at {@code ip}, its snapshots over two pages (the newest, 13, on the second), one older backup. */
    static void dropletWithImages(DigitalOceanApiStub stub, String ip) {
        stub.droplet(DROPLET, "merq-prod", "active", ip);
        stub.imagePages(DROPLET, "snapshots", List.of(
            List.of(image(11, "merq 2025-02-01", "2025-02-01T02:00:00Z", "snapshot"),
                image(12, "merq 2025-02-08", "2025-02-08T02:00:00Z", "snapshot")),
            List.of(image(13, "merq 2025-02-15", "2025-02-15T02:00:00Z", "snapshot"))));
        stub.imagePages(DROPLET, "backups", List.of(List.of(image(21, "merq backup", "2025-02-14T03:00:00Z", "backup"))));
    }

    @Test
    void rebuildsFromTheNewestSnapshotAcrossPagesFollowsTheActionAndMovesDnsAfterTheCheck() throws IOException {
        dropletWithImages("127.0.0.1");
        stub.dropletAction(DROPLET, "rebuild", 501);
        stub.actionPolls(501, "rebuild", DROPLET, 3, "completed");

        RollbackCli.Run run = rollback("infra-rebuild", "--provider", "digitalocean", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json().path("result");
        assertThat(run.json().path("level").asInt()).isEqualTo(4);
        assertThat(result.path("provider").asText()).isEqualTo("digitalocean");
        assertThat(result.path("image").path("id").asLong()).isEqualTo(13);
        assertThat(result.path("image").path("kind").asText()).isEqualTo("snapshot");
        assertThat(result.path("serverIpBefore").asText()).isEqualTo("127.0.0.1");
        assertThat(result.path("serverIpAfter").asText()).isEqualTo("127.0.0.1");
        assertThat(result.path("dnsChanges")).hasSize(2);
        assertThat(result.path("dnsChanges").get(0).path("record").asText()).isEqualTo("api.example.com");
        assertThat(result.path("dnsChanges").get(0).path("old").asText()).isEqualTo(OLD_IP);
        assertThat(result.path("dnsChanges").get(0).path("new").asText()).isEqualTo("127.0.0.1");
        assertThat(result.path("phaseMs").has("restore-droplet")).isTrue();
        assertThat(result.path("recoveryTime").path("runbookEstimateMs").asLong()).isEqualTo(3_600_000L);
        assertThat(run.err()).contains("rebuild of droplet " + DROPLET + " (action 501): in-progress");
        API.verify(4, getRequestedFor(urlPathEqualTo("/v2/actions/501")));
        API.verify(postRequestedFor(urlPathEqualTo("/v2/droplets/" + DROPLET + "/actions"))
            .withRequestBody(equalToJson("{\"type\": \"rebuild\", \"image\": 13}")));
        API.verify(putRequestedFor(urlPathEqualTo("/v2/domains/example.com/records/" + API_RECORD))
            .withRequestBody(equalToJson("{\"type\": \"A\", \"data\": \"127.0.0.1\", \"ttl\": 60}")));
        assertThat(server.hostHeaders).contains("api.example.com:" + server.port(), "admin.example.com:" + server.port());
        assertThat(Path.of(result.path("incidentBundle").asText())).exists();
        assertNoToken(run);
    }

    @Test
    void anErroredActionFailsWithExit1AndLeavesDnsAlone() throws IOException {
        dropletWithImages("127.0.0.1");
        stub.dropletAction(DROPLET, "restore", 502);
        stub.actionPolls(502, "restore", DROPLET, 2, "errored");

        RollbackCli.Run run = rollback("level4", "--provider", "digitalocean", "--snapshot", "21", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.json().path("status").asText()).isEqualTo("failed");
        assertThat(run.json().path("error").path("message").asText()).contains("restore-droplet")
            .contains("errored");
        assertThat(run.step("update-dns").path("status").asText()).isEqualTo("skipped");
        API.verify(postRequestedFor(urlPathEqualTo("/v2/droplets/" + DROPLET + "/actions"))
            .withRequestBody(equalToJson("{\"type\": \"restore\", \"image\": 21}")));
        API.verify(0, putRequestedFor(urlPathMatching("/v2/domains/.*")));
        assertNoToken(run);
    }

    @Test
    void aDropletStillOffAfterTheRestoreFailsWithExit1BeforeTheCheckAndLeavesDnsAlone() throws IOException {
        dropletWithImages("127.0.0.1");
        stub.droplet(DROPLET, "merq-prod", "off", "127.0.0.1");
        stub.dropletAction(DROPLET, "restore", 503);
        stub.actionPolls(503, "restore", DROPLET, 1, "completed");

        RollbackCli.Run run = rollback("level4", "--provider", "digitalocean", "--snapshot", "21", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.json().path("error").path("message").asText())
            .contains("droplet " + DROPLET + " is off after the restore", "power_on", "DNS was not changed")
            .doesNotContain("\n");
        assertThat(run.step("update-dns").path("status").asText()).isEqualTo("skipped");
        API.verify(0, putRequestedFor(urlPathMatching("/v2/domains/.*")));
        assertNoToken(run);
    }

    @Test
    void aRejectedTokenIsExit4WithTheTokenNowhere() throws IOException {
        stub.everything(401, "unauthorized", "Unable to authenticate you");

        RollbackCli.Run run = rollback("infra-rebuild", "--provider", "digitalocean", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
        assertThat(run.json().path("status").asText()).isEqualTo("refused");
        assertThat(run.json().path("error").path("message").asText())
            .contains("DigitalOcean rejected the token from $DIGITALOCEAN_TOKEN");
        assertThat(run.err()).contains("DigitalOcean rejected the token");
        assertNoToken(run);
    }

    @Test
    void aNewServerGetsDnsOnlyAfterItsHealthCheckPassed() throws IOException {
        dropletWithImages(OLD_IP);
        stub.createDroplet(777, "merq-prod-rebuild");
        stub.dropletBecomesActive(777, "merq-prod-rebuild", 2, "127.0.0.1");

        RollbackCli.Run run = rollback("infra-rebuild", "--provider", "digitalocean", "--new-server", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json().path("result");
        assertThat(result.path("newDropletId").asLong()).isEqualTo(777);
        assertThat(result.path("serverIpBefore").asText()).isEqualTo(OLD_IP);
        assertThat(result.path("serverIpAfter").asText()).isEqualTo("127.0.0.1");
        assertThat(run.step("verify-server").path("status").asText()).isEqualTo("succeeded");
        API.verify(postRequestedFor(urlPathEqualTo("/v2/droplets")).withRequestBody(equalToJson(
            "{\"region\": \"sgp1\", \"size\": \"s-2vcpu-2gb\", \"image\": 13}", true, true)));
        API.verify(putRequestedFor(urlPathEqualTo("/v2/domains/example.com/records/" + ADMIN_RECORD))
            .withRequestBody(equalToJson("{\"type\": \"A\", \"data\": \"127.0.0.1\", \"ttl\": 60}")));
        assertThat(run.out()).doesNotContain(TOKEN);
    }

    @Test
    void whenTheNewServerFailsItsHealthCheckDnsIsNeverCalled() throws IOException {
        dropletWithImages(OLD_IP);
        stub.createDroplet(777, "merq-prod-rebuild");
        stub.dropletBecomesActive(777, "merq-prod-rebuild", 0, "127.0.0.1");
        server.healthy = false;

        RollbackCli.Run run = rollback("infra-rebuild", "--provider", "digitalocean", "--new-server", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.json().path("error").path("message").asText()).contains("verify-server")
            .contains("DNS was not changed");
        assertThat(run.step("update-dns").path("status").asText()).isEqualTo("skipped");
        API.verify(0, putRequestedFor(anyUrl()));
        API.verify(0, com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(anyUrl()));
        assertNoToken(run);
    }

    @Test
    void aDryRunListsEveryCallItWouldMakeAndMakesNoChange() throws IOException {
        dropletWithImages(OLD_IP);

        RollbackCli.Run run = rollback("infra-rebuild", "--provider", "digitalocean", "--dry-run", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("status").asText()).isEqualTo("planned");
        List<String> calls = texts(run.json().path("result").path("apiCalls"));
        assertThat(calls).contains("GET /v2/droplets/" + DROPLET,
            "POST /v2/droplets/" + DROPLET + "/actions {\"type\":\"rebuild\",\"image\":13}",
            "PUT /v2/domains/example.com/records/" + API_RECORD
                + " {\"type\":\"A\",\"data\":\"<restored server IP>\",\"ttl\":60}");
        assertThat(calls).anyMatch(call -> call.startsWith("GET /v2/actions/"));
        API.verify(0, postRequestedFor(anyUrl()));
        API.verify(0, putRequestedFor(anyUrl()));
        assertThat(dir.resolve("backups").toFile().list()).isEmpty();
        assertNoToken(run);
    }

    @Test
    void skipDnsPrintsTheChangeInsteadOfMakingIt() throws IOException {
        dropletWithImages("127.0.0.1");
        stub.dropletAction(DROPLET, "rebuild", 501);
        stub.actionPolls(501, "rebuild", DROPLET, 0, "completed");

        RollbackCli.Run run = rollback("infra-rebuild", "--provider", "digitalocean", "--skip-dns", "--yes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("api.example.com A " + OLD_IP + " -> 127.0.0.1 (TTL 60, not changed (--skip-dns))");
        assertThat(run.err()).contains("DNS change to make by hand: api.example.com A " + OLD_IP + " -> 127.0.0.1");
        API.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void aDropletWithoutSnapshotsOrBackupsIsRefusedBeforeAnythingChanges() throws IOException {
        stub.droplet(DROPLET, "merq-prod", "active", OLD_IP);
        stub.imagePages(DROPLET, "snapshots", List.of(List.of()));
        stub.imagePages(DROPLET, "backups", List.of(List.of()));

        RollbackCli.Run run = rollback("infra-rebuild", "--provider", "digitalocean", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.json().path("error").path("message").asText()).contains("has no snapshot and no backup");
        API.verify(0, postRequestedFor(anyUrl()));
        assertThat(dir.resolve("backups").toFile().list()).isEmpty();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** Not in stdout, stderr, the journal, nor the incident bundle. */
    private void assertNoToken(RollbackCli.Run run) throws IOException {
        assertThat(run.out()).doesNotContain(TOKEN);
        assertThat(run.err()).doesNotContain(TOKEN);
        Path journal = dir.resolve(".rollback/journal.jsonl");
        if (Files.exists(journal)) {
            assertThat(Files.readString(journal)).doesNotContain(TOKEN).contains("infra-rebuild");
        }
        try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
            for (Path bundle : files.toList()) {
                String listing = Shell.ok(dir, java.util.Map.of(), "sh", "-c", "tar xzf '" + bundle + "' -O").out();
                assertThat(listing).doesNotContain(TOKEN);
            }
        }
    }
}
