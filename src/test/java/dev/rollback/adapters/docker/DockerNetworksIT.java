package dev.rollback.adapters.docker;

import static dev.rollback.adapters.docker.TestDocker.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link Networks} against the real engine: aliases, addresses, a probe from inside a container's network namespace. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerNetworksIT {
    private final String project = TestDocker.uniqueProject();
    private final String network = project + "-net";
    private final String label = "com.docker.compose.project=" + project;
    private DockerEngine engine;
    private Networks networks;
    private String app;
    private String client;

    @BeforeAll
    void startContainers() {
        TestDocker.quietLogs();
        engine = DockerEngine.connect(null);
        networks = engine.networks();
        app = docker("run", "-d", "--label", label, "--name", project + "-app", TestDocker.APP_IMAGE + ":v2");
        client = docker("run", "-d", "--label", label, "--name", project + "-client",
            "rollback-fixture/busybox:latest", "sleep", "300");
    }

    @AfterAll
    void cleanUp() {
        TestDocker.sweep(project);
        TestDocker.removeNetworkQuietly(network);
        engine.close();
    }

    @Test
    void aContainerAttachedUnderAnAliasIsReachedByItFromAnotherContainersNamespace() {
        docker("network", "create", "--label", label, network);
        networks.connect(network, app, List.of("backend"));
        networks.connect(network, app, List.of("backend"));   // attached: nothing happens
        networks.connect(network, client, List.of());

        assertThat(networks.addresses(app)).containsKey(network).containsKey("bridge");
        assertThat(networks.addresses(app).get(network)).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");

        ExecResult byAlias = networks.runInNetworkOf(client, "rollback-fixture/busybox:latest",
            List.of("wget", "-q", "-O", "-", "http://backend/version"), Duration.ofSeconds(20));
        assertThat(byAlias.succeeded()).as(byAlias.stdout()).isTrue();
        assertThat(byAlias.stdout()).isEqualTo("v2");

        ExecResult missing = networks.runInNetworkOf(client, "rollback-fixture/busybox:latest",
            List.of("wget", "-q", "-O", "-", "http://backend/nothing-here"), Duration.ofSeconds(20));
        assertThat(missing.succeeded()).isFalse();
        assertThat(missing.stdout()).contains("404");
        assertThat(docker("ps", "-aq", "--filter", "label=" + DockerNetworks.HELPER_LABEL, "--filter",
            "name=rollback-probe")).isEmpty();

    }

    @Test
    void aProbeLeftBehindByAKilledRunIsRemovedByTheNextProbeInThatNamespace() {
        String left = project + "-left-probe";
        docker("run", "--name", left, "--label", label, "--label", DockerNetworks.HELPER_LABEL + "=probe",
            "--network", "container:" + client, "rollback-fixture/busybox:latest", "true");

        ExecResult probe = networks.runInNetworkOf(client, "rollback-fixture/busybox:latest", List.of("true"),
            Duration.ofSeconds(20));

        assertThat(probe.succeeded()).as(probe.stdout()).isTrue();
        assertThat(docker("ps", "-aq", "--filter", "name=" + left)).isEmpty();
    }
}
