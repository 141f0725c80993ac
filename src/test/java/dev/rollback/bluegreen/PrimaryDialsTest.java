package dev.rollback.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.adapters.docker.HostPortBinding;
import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.core.RollbackException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which topology Caddy's dials show, and the refusals when they reach no app service. */
class PrimaryDialsTest {
    private static final Map<String, String> NAMES = Map.of("backend", "backend", "web", "web",
        "merq-backend-1", "backend");
    private static final Map<String, List<HostPortBinding>> PUBLISHED = Map.of(
        "backend", List.of(new HostPortBinding("127.0.0.1", 18341, 80, "tcp")),
        "web", List.of(new HostPortBinding("", 18342, 80, "tcp"), new HostPortBinding("", 18342, 80, "udp")));

    private static ProxyRoutes dialing(String... dials) {
        StringBuilder upstreams = new StringBuilder();
        for (String dial : dials) {
            upstreams.append(upstreams.length() == 0 ? "" : ",").append("{\"dial\":\"").append(dial).append("\"}");
        }
        return ProxyRoutes.parse("{\"apps\":{\"http\":{\"servers\":{\"srv0\":{\"routes\":[{\"handle\":[{\"handler\":"
            + "\"reverse_proxy\",\"upstreams\":[" + upstreams + "]}]}]}}}}}");
    }

    private static ProxyTopology topology(Map<String, List<HostPortBinding>> published, String... dials) {
        return PrimaryDials.of(dialing(dials), NAMES, published).topology(List.of("backend", "web"), 10000);
    }

    @Test
    void loopbackDialsOfPublishedPortsAreHostPorts() {
        ProxyTopology topology = topology(PUBLISHED, "127.0.0.1:18341", "localhost:18342", "[::1]:18342");

        assertThat(topology.wire()).isEqualTo("host-ports");
        assertThat(topology.dials()).containsExactly(new AppDial("127.0.0.1:18341", "127.0.0.1", 18341, "backend"),
            new AppDial("localhost:18342", "localhost", 18342, "web"), new AppDial("[::1]:18342", "::1", 18342, "web"));
        assertThat(topology.primaryUpstreams()).containsExactly("127.0.0.1:18341", "localhost:18342", "[::1]:18342");
    }

    @Test
    void theHostIpOfThePortsEntryIsAHostPortDialOnlyOnThatIp() {
        Map<String, List<HostPortBinding>> onLan = Map.of("backend", List.of(new HostPortBinding("10.1.2.3", 18341, 80, "tcp")));

        assertThat(topology(onLan, "10.1.2.3:18341").dials()).extracting(AppDial::service).containsExactly("backend");
        // docker-proxy listens on 10.1.2.3 only: loopback does not reach it
        assertThatThrownBy(() -> topology(onLan, "127.0.0.1:18341")).isInstanceOf(RollbackException.class)
            .hasMessage("Caddy dials [127.0.0.1:18341] on this host, but no app service (backend, web) publishes that port"
                + " (they publish backend 10.1.2.3:18341). Nothing to switch");
    }

    @Test
    void serviceNamesAreTheContainerNetwork() {
        ProxyTopology topology = topology(PUBLISHED, "backend:80", "merq-backend-1:80", "web:8080");

        assertThat(topology.wire()).isEqualTo("container-network");
        assertThat(topology.dials()).extracting(AppDial::service).containsExactly("backend", "backend", "web");
        assertThat(topology.primaryUpstreams()).containsExactly("backend:80", "merq-backend-1:80", "web:8080");
    }

    @Test
    void aDialedHostPortThatNoAppServicePublishesIsRefused() {
        assertThatThrownBy(() -> topology(PUBLISHED, "127.0.0.1:18999", "localhost:5432"))
            .isInstanceOf(RollbackException.class)
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(3))
            .hasMessage("Caddy dials [127.0.0.1:18999, localhost:5432] on this host, but no app service (backend, web)"
                + " publishes those ports (they publish backend 127.0.0.1:18341; web 0.0.0.0:18342). Nothing to switch");
    }

    @Test
    void aUdpPortIsNoDial() {
        Map<String, List<HostPortBinding>> udpOnly = Map.of("web", List.of(new HostPortBinding("", 18343, 80, "udp")));

        assertThatThrownBy(() -> topology(udpOnly, "127.0.0.1:18343")).isInstanceOf(RollbackException.class)
            .hasMessageContaining("no app service (backend, web) publishes that port (they publish no host port)");
    }

    @Test
    void dialsOfNothingOnThisHostAreRefusedAsBefore() {
        assertThatThrownBy(() -> topology(PUBLISHED, "api.internal:80", "{http.reverse_proxy.upstream.hostport}"))
            .isInstanceOf(RollbackException.class)
            .hasMessage("Caddy routes to none of the app services (backend, web); it dials [api.internal:80,"
                + " {http.reverse_proxy.upstream.hostport}]. Nothing to switch");
    }

    @Test
    void appServicesDialedBothByNameAndByPortAreRefused() {
        assertThatThrownBy(() -> topology(PUBLISHED, "backend:80", "127.0.0.1:18342"))
            .isInstanceOf(RollbackException.class)
            .hasMessage("Caddy dials app services both by name (backend:80) and by published host port (127.0.0.1:18342);"
                + " blue-green switches one kind: make the Caddyfile dial the app services one way");
    }

    @Test
    void otherPortsOnThisHostBesideAppPortsAreLeftAlone() {
        PrimaryDials found = PrimaryDials.of(dialing("127.0.0.1:9100", "127.0.0.1:18341"), NAMES, PUBLISHED);

        assertThat(found.topology(List.of("backend", "web"), 10000).dials()).extracting(AppDial::dial)
            .containsExactly("127.0.0.1:18341");
        assertThat(found.otherHostPorts()).containsExactly("127.0.0.1:9100");
    }

    @Test
    void greenDialsTheSameHostOnThePortPlusTheOffset() {
        ProxyRoutes live = dialing("127.0.0.1:18341", "localhost:18342", "[::1]:18342", "127.0.0.1:9100");
        ProxyTopology topology = PrimaryDials.of(live, NAMES, PUBLISHED).topology(List.of("backend", "web"), 10000);

        ProxyRoutes green = topology.greenRoutes(live, null);

        assertThat(green.dials()).containsExactly("127.0.0.1:28341", "localhost:28342", "[::1]:28342", "127.0.0.1:9100");
    }
}
