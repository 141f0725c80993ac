package dev.rollback.adapters.health;

import static dev.rollback.adapters.health.FakeDocker.container;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.core.RollbackException;
import dev.rollback.platform.ComposeStack;
import org.junit.jupiter.api.Test;

class ContainerHealthCheckTest {
    private final FakeDocker docker = new FakeDocker();

    @Test
    void runningAndHealthyIsHealthy() {
        docker.put(container("merq-backend-1", "backend", "running", "healthy", 0));

        HealthResult result = ContainerHealthCheck.container(docker, "merq-backend-1").probe();

        assertThat(result).isEqualTo(HealthResult.healthy("container:merq-backend-1", "running, healthy"));
    }

    @Test
    void runningWithoutHealthcheckIsHealthy() {
        docker.put(container("merq-web-1", "web", "running", "none", 0));

        HealthResult result = ContainerHealthCheck.container(docker, "merq-web-1").probe();

        assertThat(result.healthy()).isTrue();
        assertThat(result.detail()).isEqualTo("running (no healthcheck)");
    }

    @Test
    void runningButStillStartingIsUnhealthy() {
        docker.put(container("merq-backend-1", "backend", "running", "starting", 0));

        HealthResult result = ContainerHealthCheck.container(docker, "merq-backend-1").probe();

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("running, health starting");
    }

    @Test
    void runningButUnhealthyIsUnhealthy() {
        docker.put(container("merq-backend-1", "backend", "running", "unhealthy", 0));

        assertThat(ContainerHealthCheck.container(docker, "merq-backend-1").probe())
            .isEqualTo(HealthResult.unhealthy("container:merq-backend-1", "running, health unhealthy"));
    }

    @Test
    void exitedContainerReportsItsExitCode() {
        docker.put(container("merq-backend-1", "backend", "exited", "unhealthy", 137));

        HealthResult result = ContainerHealthCheck.container(docker, "merq-backend-1").probe();

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("exited (exit 137)");
    }

    @Test
    void createdContainerDoesNotClaimAnExitCode() {
        docker.put(container("merq-backend-1", "backend", "created", "none", 0));

        assertThat(ContainerHealthCheck.container(docker, "merq-backend-1").probe().detail()).isEqualTo("created");
    }

    @Test
    void missingContainerIsUnhealthyNotAnError() {
        HealthResult result = ContainerHealthCheck.container(docker, "merq-backend-1").probe();

        assertThat(result).isEqualTo(HealthResult.unhealthy("container:merq-backend-1", "no container"));
    }

    @Test
    void unreachableDaemonIsUnhealthyWithItsMessage() {
        docker.failWith(RollbackException.unreachable(
            "cannot reach Docker at unix:///var/run/docker.sock: connection refused", null));

        HealthResult result = ContainerHealthCheck.container(docker, "merq-backend-1").probe();

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("cannot reach Docker at unix:///var/run/docker.sock: connection refused");
    }

    @Test
    void serviceCheckFollowsARecreatedContainer() {
        HealthCheck check = new ComposeStack(docker, "merq").serviceCheck("backend");
        docker.put(container("merq-backend-1", "backend", "exited", "none", 1));
        assertThat(check.probe().healthy()).isFalse();

        docker.remove("merq-backend-1").put(container("merq-backend-1", "backend", "running", "healthy", 0));

        assertThat(check.probe()).isEqualTo(HealthResult.healthy("container:backend", "running, healthy"));
    }

    @Test
    void serviceCheckIgnoresOtherServicesAndProjects() {
        docker.put(container("merq-web-1", "web", "exited", "none", 1));
        docker.put(new ContainerInfo("x", "other-backend-1", "other", "backend",
            "i", "sha256:x", "exited", "none", 1, null));

        HealthResult result = new ComposeStack(docker, "merq").serviceCheck("backend").probe();

        assertThat(result).isEqualTo(HealthResult.unhealthy("container:backend", "no container"));
    }

    @Test
    void serviceWithReplicasIsHealthyOnlyWhenEveryReplicaIs() {
        docker.put(container("merq-backend-1", "backend", "running", "healthy", 0));
        docker.put(container("merq-backend-2", "backend", "restarting", "unhealthy", 1));
        HealthCheck check = new ComposeStack(docker, "merq").serviceCheck("backend");

        HealthResult oneDown = check.probe();
        docker.put(container("merq-backend-2", "backend", "running", "healthy", 0));
        HealthResult bothUp = check.probe();

        assertThat(oneDown).isEqualTo(HealthResult.unhealthy("container:backend", "merq-backend-2: restarting (exit 1)"));
        assertThat(bothUp).isEqualTo(HealthResult.healthy("container:backend", "2 containers running and healthy"));
    }
}
