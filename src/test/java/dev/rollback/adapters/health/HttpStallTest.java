package dev.rollback.adapters.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.http.StallingServer;
import dev.rollback.adapters.http.StallingServer.Stall;
import dev.rollback.adapters.http.Stalls;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The two HTTP readers that report rather than throw (a health probe, the version URL a revert
 * waits on): a stalled server gives an answer within the bound that says what stalled, and the
 * wait around them goes on to its own deadline.
 */
class HttpStallTest {
    private static final Duration BOUND = Duration.ofSeconds(1);

    @Test
    void aSilentHealthEndpointIsUnhealthyWithinItsTimeout() throws Exception {
        try (StallingServer app = StallingServer.start(Stall.SILENT)) {
            HttpCheck check = new HttpCheck("api", URI.create(app.url() + "/health"), 200, null, BOUND);
            HealthResult result = Stalls.returnsWithin(BOUND, check::probe);
            assertThat(result.healthy()).isFalse();
            assertThat(result.detail()).isEqualTo("GET " + app.url() + "/health sent no status line and headers within 1s");
        }
    }

    @Test
    void aHealthEndpointThatStallsInItsBodyIsJudgedByItsStatus() throws Exception {
        try (StallingServer app = StallingServer.start(Stall.MID_BODY)) {
            HttpCheck check = new HttpCheck("api", URI.create(app.url() + "/health"), 200, null, BOUND);
            HealthResult result = Stalls.returnsWithin(BOUND, check::probe);
            assertThat(result.healthy()).as(result.detail()).isTrue();
        }
    }

    @Test
    void aSilentVersionUrlSaysSoWithinTheBound() throws Exception {
        try (StallingServer app = StallingServer.start(Stall.SILENT)) {
            VersionEndpoint version = new VersionEndpoint(app.url() + "/version?key=s3cret", BOUND);
            assertThat(Stalls.returnsWithin(BOUND, version::read))
                .isEqualTo("[no answer: GET " + app.url() + "/version sent no status line and headers within 1s]");
        }
    }

    @Test
    void aVersionUrlThatStallsInItsBodySaysSoWithinTheBound() throws Exception {
        try (StallingServer app = StallingServer.start(Stall.MID_BODY)) {
            VersionEndpoint version = new VersionEndpoint(app.url() + "/version", BOUND);
            assertThat(Stalls.returnsWithin(BOUND, version::read)).isEqualTo("[no answer: GET " + app.url()
                + "/version answered HTTP 200, then its body stalled after 3 of 1000 bytes; gave up after 1s]");
        }
    }
}
