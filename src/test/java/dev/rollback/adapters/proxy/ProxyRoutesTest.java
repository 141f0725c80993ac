package dev.rollback.adapters.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyRoutesTest {
    /** What Caddy 2.6 answers to GET /config/ for the demo's Caddyfile (plus an auth upstream and a placeholder). */
    static final String LIVE = """
        {"admin":{"listen":"0.0.0.0:2019"},"apps":{"http":{"servers":{"srv0":{"automatic_https":{"disable":true},
        "listen":[":80"],"routes":[{"group":"group2","handle":[{"handler":"subroute","routes":[{"handle":[
        {"handler":"rewrite","strip_path_prefix":"/api"}]},{"handle":[{"handler":"reverse_proxy",
        "upstreams":[{"dial":"backend:80","max_requests":100}]}]}]}],"match":[{"path":["/api/*"]}]},
        {"handle":[{"handler":"reverse_proxy","upstreams":[{"dial":"auth:9000"},{"dial":"{http.request.host}:80"}]}],
        "match":[{"path":["/auth/*"]}]},
        {"group":"group2","handle":[{"handler":"subroute","routes":[{"handle":[{"handler":"reverse_proxy",
        "upstreams":[{"dial":"web:80"},{"dial":"web:8080"}]}]}]}]}]}}}}}
        """;

    @Test
    void findsTheDialsOfNestedReverseProxyHandlers() {
        ProxyRoutes routes = ProxyRoutes.parse(LIVE);

        assertThat(routes.dials()).containsExactly("backend:80", "auth:9000", "{http.request.host}:80", "web:80", "web:8080");
    }

    @Test
    void redirectReplacesOnlyTheNamedHostsKeepingPortsAndUpstreamFields() {
        ProxyRoutes routes = ProxyRoutes.parse(LIVE);

        ProxyRoutes green = routes.redirect(Map.of("backend", List.of("10.0.9.2"), "web", List.of("10.0.9.3", "10.0.9.4")));

        assertThat(green.dials()).containsExactly("10.0.9.2:80", "auth:9000", "{http.request.host}:80",
            "10.0.9.3:80", "10.0.9.4:80", "10.0.9.3:8080", "10.0.9.4:8080");
        assertThat(green.json()).contains("{\"dial\":\"10.0.9.2:80\",\"max_requests\":100}")
            .contains("\"strip_path_prefix\":\"/api\"").contains("\"listen\":\"0.0.0.0:2019\"");
        assertThat(routes.dials()).startsWith("backend:80");
        assertThat(green).isNotEqualTo(routes);
    }

    @Test
    void replaceDialsMovesExactlyTheNamedDialsKeepingUpstreamFields() {
        ProxyRoutes routes = ProxyRoutes.parse("""
            {"handler":"reverse_proxy","upstreams":[{"dial":"127.0.0.1:18341","max_requests":100},
            {"dial":"127.0.0.1:9100"},{"dial":"127.0.0.1:18341"}]}""");

        ProxyRoutes green = routes.replaceDials(Map.of("127.0.0.1:18341", "127.0.0.1:28341"));

        assertThat(green.dials()).containsExactly("127.0.0.1:28341", "127.0.0.1:9100");
        assertThat(green.json()).contains("{\"dial\":\"127.0.0.1:28341\",\"max_requests\":100}");
        assertThat(green.replaceDials(Map.of("127.0.0.1:28341", "127.0.0.1:18341"))).isEqualTo(routes);
        assertThat(routes.dials()).startsWith("127.0.0.1:18341");
    }

    @Test
    void redirectingBackToTheNamesGivesTheOriginalDocument() {
        ProxyRoutes routes = ProxyRoutes.parse(LIVE);
        ProxyRoutes green = routes.redirect(Map.of("backend", List.of("10.0.9.2")));

        assertThat(green.redirect(Map.of("10.0.9.2", List.of("backend")))).isEqualTo(routes);
        assertThat(routes.redirect(Map.of("admin", List.of("10.0.9.9")))).isEqualTo(routes);
    }

    @Test
    void ipv6AddressesAreBracketed() {
        ProxyRoutes routes = ProxyRoutes.parse("{\"handler\":\"reverse_proxy\",\"upstreams\":[{\"dial\":\"backend:80\"}]}");

        assertThat(routes.redirect(Map.of("backend", List.of("fd00::5"))).dials()).containsExactly("[fd00::5]:80");
    }

    @Test
    void aCaddyWithoutConfigurationIsRefused() {
        assertThatThrownBy(() -> ProxyRoutes.parse("null")).hasMessageContaining("Caddy runs no configuration");
    }

    @Test
    void toStringShowsOnlyTheDialsNeverTheDocument() {
        ProxyRoutes routes = ProxyRoutes.parse("{\"secret\":\"hunter2\",\"handler\":\"reverse_proxy\","
            + "\"upstreams\":[{\"dial\":\"web:80\"}]}");

        assertThat(routes.toString()).isEqualTo("routes to [web:80]").doesNotContain("hunter2");
    }
}
