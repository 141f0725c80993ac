package dev.rollback.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.RollbackException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class GreenComposeFileTest {
    private static final List<String> APPS = List.of("backend", "web");

    private static GreenComposeFile derive(String compose) {
        return GreenComposeFile.derive(compose.getBytes(StandardCharsets.UTF_8), "merq", APPS, 10000);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(GreenComposeFile file) {
        return new Yaml().load(file.yaml());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(GreenComposeFile file, String name) {
        return (Map<String, Object>) ((Map<String, Object>) parse(file).get("services")).get(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void asAStackOfItsOwnGreenKeepsTheAppServicesOnBluesNetworks() {
        GreenComposeFile file = GreenComposeFile.derive("""
            services:
              backend:
                image: merq/backend:v1
                ports: [{ target: 80, published: 8080, mode: host }]
                networks: [internal, edge]
              web: { image: merq/web:v1 }
              postgres: { image: postgres:15, networks: [internal] }
            networks:
              internal: {}
              edge: { external: true, name: caddy_edge }
              unused: {}
            """.getBytes(StandardCharsets.UTF_8), "merq", APPS, 10000, Map.of(), true);

        Map<String, Object> yaml = parse(file);
        Map<String, Object> networks = (Map<String, Object>) yaml.get("networks");
        assertThat((Map<String, Object>) yaml.get("services")).containsOnlyKeys("backend", "web");
        assertThat(service(file, "backend").get("networks")).isEqualTo(List.of("internal"));
        assertThat(networks).containsOnlyKeys("internal", "default");
        assertThat(networks.get("internal")).isEqualTo(Map.of("external", true, "name", "merq_internal"));
        assertThat(networks.get("default")).isEqualTo(Map.of("external", true, "name", "merq_default"));
        assertThat(((List<Map<String, Object>>) service(file, "backend").get("ports")).get(0).get("published"))
            .isEqualTo(18080);
        assertThat(file.changes()).contains("services postgres left out (green deploys the app services only; it shares"
            + " blue's)");
    }

    @Test
    void shortSyntaxHostPortsAreShiftedKeepingTheHostIpAndProtocol() {
        GreenComposeFile file = derive("""
            services:
              backend:
                image: merq/backend:v1
                ports:
                  - "127.0.0.1:8080:80"
                  - "8081:81"
                  - "90"
                  - 91
                  - "127.0.0.1::92"
                  - "9000-9001:9000-9001/udp"
                  - "[::1]:8082:80/tcp"
              web: { image: merq/web:v1 }
            """);

        assertThat(service(file, "backend").get("ports")).isEqualTo(List.of(
            "127.0.0.1:18080:80", "18081:81", "90", 91, "127.0.0.1::92", "19000-19001:9000-9001/udp", "[::1]:18082:80/tcp"));
        assertThat(file.ports()).extracting(PublishedPort::hostPort, PublishedPort::greenPort)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(8080, 18080), org.assertj.core.groups.Tuple.tuple(8081, 18081),
                org.assertj.core.groups.Tuple.tuple(9000, 19000), org.assertj.core.groups.Tuple.tuple(8082, 18082));
        assertThat(file.firstTcpPort("backend")).get().satisfies(port -> {
            assertThat(port.probeHost()).isEqualTo("127.0.0.1");
            assertThat(port.greenPort()).isEqualTo(18080);
            assertThat(port.containerPort()).isEqualTo("80");
        });
        assertThat(file.firstTcpPort("web")).isEmpty();
    }

    @Test
    void longSyntaxPublishedPortIsShiftedInItsOwnType() {
        GreenComposeFile file = derive("""
            services:
              backend:
                image: b
                ports:
                  - { target: 80, published: 8080, host_ip: 127.0.0.1 }
                  - { target: 443, published: "8443", protocol: tcp }
                  - { target: 9090 }
              web: { image: w }
            """);

        assertThat(service(file, "backend").get("ports")).isEqualTo(List.of(
            Map.of("target", 80, "published", 18080, "host_ip", "127.0.0.1"),
            Map.of("target", 443, "published", "18443", "protocol", "tcp"),
            Map.of("target", 9090)));
    }

    @Test
    void onlyAppServicesChange() {
        GreenComposeFile file = derive("""
            services:
              postgres:
                image: pg
                container_name: merq-postgres
                ports: ["127.0.0.1:15432:5432"]
              backend: { image: b, container_name: merq-backend, ports: ["18081:80"] }
              web: { image: w }
            """);

        assertThat(service(file, "backend")).doesNotContainKey("container_name");
        assertThat(service(file, "postgres")).containsEntry("container_name", "merq-postgres")
            .containsEntry("ports", List.of("127.0.0.1:15432:5432"));
        assertThat(file.changes()).contains("backend: container_name removed (blue has that name)",
            "backend: host port 18081 → 28081");
    }

    @Test
    void namedVolumesBecomeBluesVolumesSharedNeverCopied() {
        GreenComposeFile file = derive("""
            version: "3.8"
            services:
              backend: { image: b, volumes: ["uploads:/data"] }
              web: { image: w }
            volumes:
              pgdata:
              uploads: { name: shared-uploads, driver: local }
              outside: { external: true }
            """);

        assertThat(parse(file).get("volumes")).isEqualTo(Map.of(
            "pgdata", Map.of("external", true, "name", "merq_pgdata"),
            "uploads", Map.of("external", true, "name", "shared-uploads"),
            "outside", Map.of("external", true)));
    }

    @Test
    void oldFileFormatsNameExternalVolumesTheOldWay() {
        GreenComposeFile file = derive("""
            version: "3"
            services:
              backend: { image: b }
              web: { image: w }
            volumes:
              pgdata: {}
            """);

        assertThat(parse(file).get("volumes")).isEqualTo(Map.of("pgdata", Map.of("external", Map.of("name", "merq_pgdata"))));
    }

    @Test
    void variablesAreLeftForComposeSoNoSecretIsWritten() {
        GreenComposeFile file = derive("""
            services:
              backend:
                image: "merq/backend:${TAG:-v1}"
                environment:
                  DB_PASSWORD: ${DB_PASSWORD:?set it}
                ports: ["127.0.0.1:8080:${APP_PORT}"]
              web: { image: w }
            """);

        assertThat(file.yaml()).contains("${DB_PASSWORD:?set it}").contains("merq/backend:${TAG:-v1}")
            .contains("127.0.0.1:18080:${APP_PORT}");
    }

    @Test
    void aHostPortFromAVariableIsRefused() {
        assertThatThrownBy(() -> derive("""
            services:
              backend: { image: b, ports: ["${API_PORT}:80"] }
              web: { image: w }
            """)).isInstanceOf(RollbackException.class).hasMessageContaining("backend publishes a host port from a variable")
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(3));
    }

    @Test
    void aPortBeyondTheRangeIsRefused() {
        assertThatThrownBy(() -> derive("""
            services:
              backend: { image: b, ports: ["60000:80"] }
              web: { image: w }
            """)).hasMessageContaining("60000 + offset 10000 is beyond 65535");
    }

    @Test
    void anAppServiceMissingAtTheRevisionOrSharingTheHostNetworkIsRefused() {
        assertThatThrownBy(() -> derive("services:\n  backend: { image: b }\n"))
            .hasMessageContaining("app service web is not in the compose file");
        assertThatThrownBy(() -> derive("services:\n  backend: { image: b, network_mode: host }\n  web: { image: w }\n"))
            .hasMessageContaining("network_mode: host");
    }

    @Test
    void externalNetworksAreLeftOutOfAppServices() {
        GreenComposeFile file = derive("""
            services:
              backend: { image: b, networks: [edge, internal] }
              web:
                image: w
                networks:
                  edge: { aliases: [www] }
            networks:
              edge: { external: true }
              internal: {}
            """);

        assertThat(service(file, "backend").get("networks")).isEqualTo(List.of("internal"));
        assertThat(service(file, "web")).doesNotContainKey("networks");
        assertThat(file.changes()).anyMatch(change -> change.startsWith("web: external network(s) edge left out"));
    }

    @Test
    void anchorsAndMergeKeysAreResolved() {
        GreenComposeFile file = derive("""
            x-app: &app
              restart: unless-stopped
              ports: ["8080:80"]
            services:
              backend:
                <<: *app
                image: b
              web:
                <<: *app
                image: w
                ports: ["8081:80"]
            """);

        assertThat(service(file, "backend")).containsEntry("restart", "unless-stopped")
            .containsEntry("ports", List.of("18080:80"));
        assertThat(service(file, "web")).containsEntry("ports", List.of("18081:80"));
        assertThat(file.yaml()).doesNotContain("<<");
    }

    @Test
    void theShownFileMasksLiteralSecretsTheWrittenOneDoesNot() {
        GreenComposeFile file = derive("""
            services:
              backend:
                image: b
                environment:
                  DB_PASSWORD: hunter2
                  API_TOKEN: ${API_TOKEN}
                  LOG_LEVEL: debug
              web:
                image: w
                environment: ["SECRET_KEY=s3cr3t", "MODE=prod"]
            """);

        assertThat(file.shown()).doesNotContain("hunter2").doesNotContain("s3cr3t")
            .contains("DB_PASSWORD: '***'").contains("SECRET_KEY=***").contains("${API_TOKEN}").contains("LOG_LEVEL: debug");
        assertThat(file.yaml()).contains("hunter2");
    }
}
