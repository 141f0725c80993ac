package dev.rollback.recreate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.docker.ContainerInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceChangesTest {
    private static final Map<String, String> HASHES = Map.of("db", "h-db", "backend", "h-backend-v1", "proxy", "h-proxy");
    private static final Map<String, String> IMAGES = Map.of("db", "sha256:pg", "backend", "sha256:v1",
        "proxy", "sha256:caddy");

    @Test
    void onlyTheServiceWhoseDefinitionChangedIsRecreated() {
        ServiceChanges changes = ServiceChanges.between(HASHES, IMAGES, List.of(
            running("db", "h-db", "sha256:pg"), running("backend", "h-backend-v2", "sha256:v1"),
            running("proxy", "h-proxy", "sha256:caddy")));

        assertThat(changes.recreate()).containsExactly("backend");
        assertThat(changes.unchanged()).containsExactly("db", "proxy");
        assertThat(changes.removed()).isEmpty();
    }

    @Test
    void aTagThatPointsAtAnotherImageCountsAsAChange() {
        ServiceChanges changes = ServiceChanges.between(HASHES, IMAGES, List.of(
            running("db", "h-db", "sha256:pg"), running("backend", "h-backend-v1", "sha256:broken"),
            running("proxy", "h-proxy", "sha256:caddy")));

        assertThat(changes.recreate()).containsExactly("backend");
    }

    @Test
    void aServiceWithoutARunningContainerIsStartedAndOneTheFilesDropIsRemoved() {
        ContainerInfo stopped = new ContainerInfo("id-db", "db", "shop", "db", "pg", "sha256:pg", "exited", "none", 0,
            "h-db");
        ServiceChanges changes = ServiceChanges.between(HASHES, IMAGES, List.of(stopped,
            running("backend", "h-backend-v1", "sha256:v1"), running("worker", "h-worker", "sha256:w")));

        assertThat(changes.recreate()).containsExactly("db", "proxy");
        assertThat(changes.unchanged()).containsExactly("backend");
        assertThat(changes.removed()).containsExactly("worker");
        assertThat(changes.nothingToDo()).isFalse();
    }

    @Test
    void oneStaleReplicaMakesTheServiceChangedAndAnUnknownImageIsNotCompared() {
        ServiceChanges changes = ServiceChanges.between(Map.of("backend", "h-v1"), Map.of(), List.of(
            running("backend", "h-v1", "sha256:anything"), running("backend", "h-v0", "sha256:anything")));

        assertThat(changes.recreate()).containsExactly("backend");

        ServiceChanges same = ServiceChanges.between(Map.of("backend", "h-v1"), Map.of(),
            List.of(running("backend", "h-v1", "sha256:built-here")));
        assertThat(same.nothingToDo()).isTrue();
    }

    private static ContainerInfo running(String service, String hash, String imageId) {
        return new ContainerInfo("id-" + service + "-" + hash, service, "shop", service, service, imageId, "running",
            "none", null, hash);
    }
}
