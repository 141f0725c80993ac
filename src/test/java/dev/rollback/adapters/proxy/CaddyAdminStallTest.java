package dev.rollback.adapters.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.http.StallingServer;
import dev.rollback.adapters.http.StallingServer.Stall;
import dev.rollback.adapters.http.Stalls;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Caddy's admin API stalling: a read and a load each give up within their bound, exit 4, one line. */
class CaddyAdminStallTest {
    private static final Duration BOUND = Duration.ofSeconds(1);

    @ParameterizedTest
    @EnumSource(Stall.class)
    void aStalledReadIsExit4NamingTheUrl(Stall stall) throws Exception {
        try (StallingServer caddy = StallingServer.start(stall)) {
            CaddyAdmin admin = new CaddyAdmin(caddy.url(), BOUND, BOUND);
            String message = Stalls.unreachableWithin(BOUND, admin::requireReachable);
            assertThat(message).startsWith("Caddy admin API at " + caddy.url() + " is unreachable (GET " + caddy.url()
                + "/config/ " + (stall == Stall.SILENT ? "sent no status line and headers within 1s"
                : "answered HTTP 200, then its body stalled after 3 of 1000 bytes; gave up after 1s"));
            assertThat(caddy.stalledRequests()).as("not retried: a stall is not a restart").hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Stall.class)
    void aStalledLoadIsExit4(Stall stall) throws Exception {
        try (StallingServer caddy = StallingServer.start(stall)) {
            CaddyAdmin admin = new CaddyAdmin(caddy.url(), BOUND, BOUND);
            String message = Stalls.unreachableWithin(BOUND, () -> admin.load(ProxyRoutes.parse("{}")));
            assertThat(message).contains("(POST " + caddy.url() + "/load ");
        }
    }
}
