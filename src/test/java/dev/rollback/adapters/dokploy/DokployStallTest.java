package dev.rollback.adapters.dokploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.http.StallingServer;
import dev.rollback.adapters.http.StallingServer.Stall;
import dev.rollback.adapters.http.Stalls;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Dokploy stalling: exit 4 within the request bound, one line naming the URL without its query. */
class DokployStallTest {
    private static final Duration BOUND = Duration.ofSeconds(1);

    @ParameterizedTest
    @EnumSource(Stall.class)
    void aStalledCallIsExit4(Stall stall) throws Exception {
        try (StallingServer panel = StallingServer.start(stall)) {
            DokployClient client = new DokployClient(DokployUrl.parse(panel.url()),
                DokployClient.key(null, DokployStub.ENV), BOUND);
            String message = Stalls.unreachableWithin(BOUND,
                () -> client.deployments(new Dokploy.Target(Dokploy.Target.Kind.APPLICATION, "app-1")));
            assertThat(message).startsWith("Dokploy at " + panel.url())
                .contains("GET " + panel.url() + "/api/deployment.all "
                    + (stall == Stall.SILENT ? "sent no status line and headers within 1s"
                    : "answered HTTP 200, then its body stalled after 3 of 1000 bytes; gave up after 1s"))
                .doesNotContain("app-1"); // the query (tRPC input) is not shown
        }
    }
}
