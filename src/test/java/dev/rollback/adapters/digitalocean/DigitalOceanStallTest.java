package dev.rollback.adapters.digitalocean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.http.ApiBase;
import dev.rollback.adapters.http.EnvSecret;
import dev.rollback.adapters.http.StallingServer;
import dev.rollback.adapters.http.StallingServer.Stall;
import dev.rollback.adapters.http.Stalls;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The DigitalOcean API stalling: exit 4 within the request bound, one line naming the call and the URL. */
class DigitalOceanStallTest {
    private static final Duration BOUND = Duration.ofSeconds(1);

    @ParameterizedTest
    @EnumSource(Stall.class)
    void aStalledCallIsExit4(Stall stall) throws Exception {
        try (StallingServer api = StallingServer.start(stall)) {
            DigitalOceanClient client = new DigitalOceanClient(ApiBase.parse("digitalocean.api-url", api.url(), "the token"),
                EnvSecret.require("DIGITALOCEAN_TOKEN", DigitalOceanApiStub.ENV, "token", "a token"), BOUND);
            String message = Stalls.unreachableWithin(BOUND, () -> client.droplet(42));
            assertThat(message).startsWith("DigitalOcean API at " + api.url())
                .contains("GET " + api.url() + "/v2/droplets/42 "
                    + (stall == Stall.SILENT ? "sent no status line and headers within 1s"
                    : "answered HTTP 200, then its body stalled after 3 of 1000 bytes; gave up after 1s"))
                .doesNotContain(DigitalOceanApiStub.TOKEN);
        }
    }
}
