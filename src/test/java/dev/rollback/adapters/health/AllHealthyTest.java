package dev.rollback.adapters.health;

import static dev.rollback.adapters.health.FakeDocker.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AllHealthyTest {
    private final FakeDocker docker = new FakeDocker()
        .put(container("merq-db-1", "db", "running", "healthy", 0))
        .put(container("merq-backend-1", "backend", "exited", "none", 1))
        .put(container("merq-web-1", "web", "running", "starting", 0));

    @Test
    void healthyWhenEveryCheckIsAndListsThemAll() {
        AllHealthy all = AllHealthy.of(
            ContainerHealthCheck.container(docker, "merq-db-1"),
            fixed(HealthResult.healthy("http:api", "200 in 3 ms")));

        HealthResult result = all.probe();

        assertThat(result.healthy()).isTrue();
        assertThat(result.name()).isEqualTo("all");
        assertThat(result.detail()).isEqualTo("container:merq-db-1: running, healthy; http:api: 200 in 3 ms");
    }

    @Test
    void reportsEveryFailureNotJustTheFirst() {
        AllHealthy all = new AllHealthy("stack", List.of(
            ContainerHealthCheck.container(docker, "merq-backend-1"),
            ContainerHealthCheck.container(docker, "merq-db-1"),
            ContainerHealthCheck.container(docker, "merq-web-1"),
            ContainerHealthCheck.container(docker, "merq-worker-1")));

        HealthResult result = all.probe();

        assertThat(result.healthy()).isFalse();
        assertThat(result.name()).isEqualTo("stack");
        assertThat(result.detail()).isEqualTo("3 of 4 unhealthy: "
            + "container:merq-backend-1: exited (exit 1); "
            + "container:merq-web-1: running, health starting; "
            + "container:merq-worker-1: no container");
    }

    @Test
    void probesEveryCheckEvenAfterAFailure() {
        AtomicInteger laterProbes = new AtomicInteger();
        HealthCheck later = new HealthCheck() {
            @Override
            public String name() {
                return "later";
            }

            @Override
            public HealthResult probe() {
                laterProbes.incrementAndGet();
                return HealthResult.healthy(name(), "ok");
            }
        };

        AllHealthy.of(fixed(HealthResult.unhealthy("first", "down")), later).probe();

        assertThat(laterProbes).hasValue(1);
    }

    @Test
    void probeEachKeepsOneResultPerCheckInOrder() {
        AllHealthy all = AllHealthy.of(
            ContainerHealthCheck.container(docker, "merq-backend-1"),
            ContainerHealthCheck.container(docker, "merq-db-1"));

        assertThat(all.probeEach()).extracting(HealthResult::name, HealthResult::healthy)
            .containsExactly(
                tuple("container:merq-backend-1", false),
                tuple("container:merq-db-1", true));
    }

    @Test
    void noChecksIsHealthyAndSaysSo() {
        assertThat(AllHealthy.of().probe()).isEqualTo(HealthResult.healthy("all", "no checks"));
    }

    private static HealthCheck fixed(HealthResult result) {
        return new HealthCheck() {
            @Override
            public String name() {
                return result.name();
            }

            @Override
            public HealthResult probe() {
                return result;
            }
        };
    }
}
