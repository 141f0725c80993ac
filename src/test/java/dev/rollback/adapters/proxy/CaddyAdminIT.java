package dev.rollback.adapters.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rollback.core.RollbackException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@link CaddyAdmin} against a real Caddy 2 in a container, its admin API published on 127.0.0.1. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaddyAdminIT {
    @TempDir
    static Path dir;

    private TestCaddy caddy;
    private CaddyAdmin admin;
    private ProxyRoutes original;

    @BeforeAll
    void startCaddy() throws Exception {
        caddy = new TestCaddy(dir, TestCaddy.caddyfile());
        admin = new CaddyAdmin(caddy.adminUrl());
        original = admin.current();
    }

    @AfterEach
    void backToTheCaddyfile() {
        admin.load(original);
    }

    @AfterAll
    void stopCaddy() {
        if (caddy != null) {
            caddy.close();
        }
    }

    @Test
    void readsTheRunningConfigurationTheCaddyfileProduced() {
        admin.requireReachable();

        assertThat(original.dials()).containsExactly("backend:80", "web:80");
        assertThat(admin.upstreams()).extracting(Upstream::address).containsExactlyInAnyOrder("backend:80", "web:80");
    }

    @Test
    void loadsRedirectedRoutesAndTheUpstreamsFollow() {
        ProxyRoutes green = original.redirect(Map.of("backend", List.of("10.99.0.2")));

        admin.load(green);

        assertThat(admin.current()).isEqualTo(green);
        assertThat(admin.upstreams()).extracting(Upstream::address).contains("10.99.0.2:80", "web:80")
            .doesNotContain("backend:80");
        admin.load(original);
        assertThat(admin.current()).isEqualTo(original);
    }

    @Test
    void aConfigurationCaddyCannotRunIsRefusedAndTheOldOneStays() {
        ProxyRoutes broken = ProxyRoutes.parse(original.json().replace("\"reverse_proxy\"", "\"no_such_handler\""));

        assertThatThrownBy(() -> admin.load(broken)).isInstanceOf(RollbackException.class)
            .hasMessageContaining("Caddy refused the new configuration (HTTP 400")
            .hasMessageContaining("keeps running the previous one")
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(1));
        assertThat(admin.current()).isEqualTo(original);
    }

    @Test
    void aClosedPortIsUnreachableExitFour() throws Exception {
        CaddyAdmin nowhere = new CaddyAdmin("http://127.0.0.1:" + TestCaddy.freePort());

        assertThatThrownBy(nowhere::requireReachable).isInstanceOf(RollbackException.class)
            .hasMessageStartingWith("Caddy admin API at http://127.0.0.1:")
            .hasMessageContaining("is unreachable (connection refused)")
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(4));
    }

    @Test
    void somethingElseThanCaddyOnThePortIsUnreachableToo() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        other.start();
        try {
            CaddyAdmin notCaddy = new CaddyAdmin("http://127.0.0.1:" + other.getAddress().getPort());

            assertThatThrownBy(notCaddy::requireReachable).hasMessageContaining("is unreachable (HTTP 404 to GET /config/")
                .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(4));
        } finally {
            other.stop(0);
        }
    }
}
