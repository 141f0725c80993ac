package dev.rollback.adapters.digitalocean;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.rollback.adapters.digitalocean.DigitalOceanApiStub.DROPLET;
import static dev.rollback.adapters.digitalocean.DigitalOceanApiStub.ENV;
import static dev.rollback.adapters.digitalocean.DigitalOceanApiStub.TOKEN;
import static dev.rollback.adapters.digitalocean.DigitalOceanApiStub.image;
import static dev.rollback.contract.ContractCheckedStub.notTheVendorsAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.contract.ContractCheckedStub;
import dev.rollback.adapters.digitalocean.DigitalOcean.Action;
import dev.rollback.adapters.digitalocean.DigitalOcean.DnsRecord;
import dev.rollback.adapters.digitalocean.DigitalOcean.Droplet;
import dev.rollback.adapters.digitalocean.DigitalOcean.Image;
import dev.rollback.adapters.digitalocean.DigitalOcean.NewDroplet;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DigitalOceanConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The requests {@link DigitalOceanClient} sends, how it reads the answers and how failures reach the user. */
class DigitalOceanClientTest {
    @RegisterExtension
    static final ContractCheckedStub API = DigitalOceanApiStub.extension();

    private static DigitalOceanClient client(String url) {
        return DigitalOceanClient.fromConfig(config(url), ENV);
    }

    private static DigitalOceanConfig config(String url) {
        return new DigitalOceanConfig(null, DROPLET, "example.com", List.of("api"), url, null, null, null, null,
            null, null);
    }

    private DigitalOceanClient client() {
        return client(API.baseUrl());
    }

    @Test
    void readsTheDropletsPublicAddressRegionAndSizeWithTheBearerToken() {
        DigitalOceanApiStub.on(API).droplet(DROPLET, "merq-prod", "active", "203.0.113.10");

        Droplet droplet = client().droplet(DROPLET);

        assertThat(droplet).isEqualTo(new Droplet(DROPLET, "merq-prod", "active", "sgp1", "s-2vcpu-2gb", "203.0.113.10"));
        assertThat(droplet.active()).isTrue();
        API.verify(getRequestedFor(urlEqualTo("/v2/droplets/" + DROPLET)).withHeader("Authorization",
            equalTo("Bearer " + TOKEN)));
    }

    @Test
    void snapshotListsAreReadPageByPageAlongTheNextLinks() {
        DigitalOceanApiStub.on(API).imagePages(DROPLET, "snapshots", List.of(
            List.of(image(11, "merq 2025-02-01", "2025-02-01T02:00:00Z", "snapshot"),
                image(12, "merq 2025-02-08", "2025-02-08T02:00:00Z", "snapshot")),
            List.of(image(13, "merq 2025-02-15", "2025-02-15T02:00:00Z", "snapshot")),
            List.of(image(14, "merq 2025-01-25", "2025-01-25T02:00:00Z", "snapshot"))));

        List<Image> snapshots = client().snapshots(DROPLET);

        assertThat(snapshots).extracting(Image::id).containsExactly(11L, 12L, 13L, 14L);
        assertThat(snapshots.get(2)).isEqualTo(new Image(13, "merq 2025-02-15", Image.Kind.SNAPSHOT,
            Instant.parse("2025-02-15T02:00:00Z"), List.of("sgp1"), 60));
        API.verify(getRequestedFor(urlEqualTo("/v2/droplets/" + DROPLET + "/snapshots?per_page=200")));
        API.verify(getRequestedFor(urlEqualTo("/v2/droplets/" + DROPLET + "/snapshots?page=3&per_page=2"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowedWithTheToken() {
        API.stubFor(get(urlPathEqualTo("/v2/droplets/" + DROPLET + "/backups")).willReturn(okJson(
            "{\"backups\": [], \"links\": {\"pages\": {\"next\": \"https://evil.example/v2/x?page=2\"}}, \"meta\": {\"total\": 0}}")));

        RollbackException e = catchThrowableOfType(RollbackException.class, () -> client().backups(DROPLET));

        assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(e.getMessage()).contains("next-page link leaves").doesNotContain(TOKEN);
    }

    @Test
    void rebuildAndRestoreAreDropletActionsWithTheImageId() {
        DigitalOceanApiStub stub = DigitalOceanApiStub.on(API);
        stub.dropletAction(DROPLET, "rebuild", 501);
        stub.dropletAction(DROPLET, "restore", 502);
        stub.actionPolls(501, "rebuild", DROPLET, 0, "completed");

        Action rebuild = client().rebuild(DROPLET, 13);
        Action restore = client().restore(DROPLET, 21);
        Action followed = client().action(501);

        assertThat(rebuild.id()).isEqualTo(501);
        assertThat(rebuild.status()).isEqualTo("in-progress");
        assertThat(restore.id()).isEqualTo(502);
        assertThat(followed.completed()).isTrue();
        assertThat(followed.completedAt()).isEqualTo(Instant.parse("2025-03-01T10:07:40Z"));
        API.verify(postRequestedFor(urlEqualTo("/v2/droplets/" + DROPLET + "/actions"))
            .withRequestBody(equalToJson("{\"type\": \"rebuild\", \"image\": 13}")));
        API.verify(postRequestedFor(urlEqualTo("/v2/droplets/" + DROPLET + "/actions"))
            .withRequestBody(equalToJson("{\"type\": \"restore\", \"image\": 21}")));
    }

    @Test
    void aNewDropletIsCreatedFromTheImageAndHasNoAddressYet() {
        DigitalOceanApiStub.on(API).createDroplet(777, "merq-prod-rebuild");

        Droplet created = client().createDroplet(new NewDroplet("merq-prod-rebuild", "sgp1", "s-2vcpu-2gb", 13,
            List.of("512190", "3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa"), List.of("rollback-rebuild")));

        assertThat(created.id()).isEqualTo(777);
        assertThat(created.status()).isEqualTo("new");
        assertThat(created.publicIpv4()).isNull();
        assertThat(created.active()).isFalse();
        API.verify(postRequestedFor(urlEqualTo("/v2/droplets")).withRequestBody(equalToJson("""
            {"name": "merq-prod-rebuild", "region": "sgp1", "size": "s-2vcpu-2gb", "image": 13,
             "ssh_keys": [512190, "3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa"], "tags": ["rollback-rebuild"]}
            """)));
    }

    @Test
    void anARecordIsFoundByItsFullNameAndUpdatedWithTypeDataAndTtl() {
        DigitalOceanApiStub.on(API).aRecord("example.com", "api", 3352896, "203.0.113.10", 1800, "198.51.100.7");

        List<DnsRecord> records = client().aRecords("example.com", "api.example.com");
        DnsRecord updated = client().updateA("example.com", 3352896, "198.51.100.7", 60);

        assertThat(records).containsExactly(new DnsRecord(3352896, "A", "api", "203.0.113.10", 1800));
        assertThat(updated.data()).isEqualTo("198.51.100.7");
        assertThat(client().aRecords("example.com", "api.example.com")).extracting(DnsRecord::data)
            .containsExactly("198.51.100.7");
        API.verify(getRequestedFor(urlEqualTo("/v2/domains/example.com/records?type=A&name=api.example.com&per_page=200")));
        API.verify(putRequestedFor(urlEqualTo("/v2/domains/example.com/records/3352896"))
            .withRequestBody(equalToJson("{\"type\": \"A\", \"data\": \"198.51.100.7\", \"ttl\": 60}")));
    }

    @Test
    void aRejectedTokenIsUnreachableNamingTheVariableNeverTheToken() {
        // A proxy that echoes the request back must not get the token into the message either.
        DigitalOceanApiStub.on(API).everything(401, "unauthorized", "Unable to authenticate you (Bearer " + TOKEN + ")");

        for (ThrowingCallable call : List.<ThrowingCallable>of(() -> client().droplet(DROPLET),
            () -> client().snapshots(DROPLET), () -> client().rebuild(DROPLET, 13),
            () -> client().updateA("example.com", 1, "198.51.100.7", 60))) {
            RollbackException e = catchThrowableOfType(RollbackException.class, call);
            assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
            assertThat(e.getMessage()).startsWith("DigitalOcean rejected the token from $DIGITALOCEAN_TOKEN")
                .contains("401 Unable to authenticate you").doesNotContain(TOKEN).doesNotContain("\n");
        }
    }

    @Test
    void serverErrorsAndRateLimitsAreUnreachableAMissingDropletIsRefusedOtherRefusalsFail() {
        assertThat(failure(503, "service_unavailable", "Service is currently unavailable").exitCode())
            .isEqualTo(ExitCode.UNREACHABLE);
        API.resetAll();
        assertThat(failure(429, "too_many_requests", "API Rate limit exceeded.").getMessage()).contains("rate-limiting");
        API.resetAll();
        RollbackException missing = failure(404, "not_found", "The resource you were accessing could not be found.");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(missing.getMessage()).contains("has no droplet " + DROPLET);
        API.resetAll();
        RollbackException refused = failure(422, "unprocessable_entity", "Image is not available in region sgp1");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(refused.getMessage()).contains("Image is not available in region sgp1");
    }

    private RollbackException failure(int status, String id, String message) {
        DigitalOceanApiStub.on(API).everything(status, id, message);
        return catchThrowableOfType(RollbackException.class, () -> client().droplet(DROPLET));
    }

    @Test
    void noAnswerIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        RollbackException e = catchThrowableOfType(RollbackException.class,
            () -> client("http://127.0.0.1:" + closed).droplet(DROPLET));

        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.getMessage()).contains("is unreachable").contains("GET /v2/droplets/" + DROPLET);
    }

    @Test
    void anAnswerWithoutTheObjectIsAnUnexpectedAnswer() {
        API.stubFor(notTheVendorsAnswer(get(urlPathEqualTo("/v2/droplets/" + DROPLET)), "a body the client must refuse")
            .willReturn(okJson("{\"id\": \"x\"}")));

        RollbackException e = catchThrowableOfType(RollbackException.class, () -> client().droplet(DROPLET));

        assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(e.getMessage()).contains("unexpected answer").contains("no 'droplet' object");
    }

    @Test
    void theTokenComesOnlyFromItsVariableAndGoesOnlyToHttpsOrALoopbackStub() {
        RollbackException unset = catchThrowableOfType(RollbackException.class,
            () -> DigitalOceanClient.fromConfig(config(API.baseUrl()), Map.of()));
        RollbackException plain = catchThrowableOfType(RollbackException.class,
            () -> client("http://api.digitalocean.example"));

        assertThat(unset.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unset.getMessage()).startsWith("$DIGITALOCEAN_TOKEN is not set");
        assertThat(plain.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(plain.getMessage()).contains("must be an https:// address");
        API.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void redirectsAreNotFollowed() {
        API.stubFor(notTheVendorsAnswer(get(anyUrl()), "a proxy's redirect")
            .willReturn(aResponse().withStatus(301).withHeader("Location", "https://elsewhere.example/")));

        RollbackException e = catchThrowableOfType(RollbackException.class, () -> client().droplet(DROPLET));

        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("redirects");
    }
}
