package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs SwarmStackCli against a fake docker program (a shell script that records each call and the
 * variables it was given), so the real ProcessRunner path is exercised without a swarm.
 */
class SwarmStackCliTest {
    /** Answers "ps"/"network ls" with a container/network until the countdown file reaches 0. */
    private static final String FAKE = """
        #!/bin/sh
        here=$(dirname "$0")
        echo "$*" >> "$here/calls"
        echo "TAG=${TAG:-} TOKEN=${TOKEN:-}" >> "$here/env"
        left=$(cat "$here/left" 2>/dev/null || echo 0)
        case "$1 $2" in
          "ps -aq") [ "$left" -gt 0 ] && { echo c0ffee; echo $((left - 1)) > "$here/left"; } ;;
          "network ls") [ "$left" -gt 0 ] && echo n3tw0rk ;;
          "volume ls") echo merq_present ;;
        esac
        exit 0
        """;

    @TempDir
    Path bin;
    @TempDir
    Path workdir;
    private Path fake;

    @BeforeEach
    void writeFakeDocker() throws IOException {
        fake = bin.resolve("fake-docker");
        Files.writeString(fake, FAKE);
        fake.toFile().setExecutable(true);
    }

    @Test
    void deployGivesTheEnvFileInTheEnvironmentNeverInArgv() throws IOException {
        Files.writeString(workdir.resolve(".env"), "# the release\nexport TAG=\"v2\"\nTOKEN='s3cret'\nnot an assignment\n");

        stack(Duration.ofSeconds(5)).deploy();

        assertThat(calls()).containsExactly("stack deploy --prune --resolve-image never --with-registry-auth -c "
            + workdir.resolve("stack.yml") + " merq");
        assertThat(Files.readString(bin.resolve("env"))).contains("TAG=v2 TOKEN=s3cret");
        assertThat(Files.readString(bin.resolve("calls"))).doesNotContain("s3cret");
    }

    @Test
    void downWaitsUntilTheStacksContainersAndNetworksAreGone() throws IOException {
        Files.writeString(bin.resolve("left"), "2");

        stack(Duration.ofSeconds(10)).down();

        assertThat(calls()).first().isEqualTo("stack rm merq");
        assertThat(calls()).contains("ps -aq --filter label=com.docker.stack.namespace=merq",
            "network ls -q --filter label=com.docker.stack.namespace=merq");
        assertThat(calls()).last().isEqualTo("network ls -q --filter label=com.docker.stack.namespace=merq");
    }

    @Test
    void downThatNeverEmptiesFailsNamingWhatIsLeft() throws IOException {
        Files.writeString(bin.resolve("left"), "1000");

        RollbackException failed = catchThrowableOfType(() -> stack(Duration.ofMillis(300)).down(),
            RollbackException.class);

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.getMessage()).isEqualTo("docker stack rm merq: 1 container and 1 network still there after"
            + " 0 s; see docker stack ps merq");
    }

    @Test
    void createMakesOnlyTheMissingVolumesWithTheStackLabel() throws IOException {
        stack(Duration.ofSeconds(5)).create();

        assertThat(calls()).containsExactly(
            "volume ls -q --filter name=^merq_present$",
            "volume ls -q --filter name=^merq_files$",
            "volume create --label com.docker.stack.namespace=merq merq_files");
    }

    private SwarmStackCli stack(Duration removeTimeout) {
        ComposeProject project = new ComposeProject("merq", workdir, List.of(Path.of("stack.yml")), Path.of(".env"));
        return new SwarmStackCli(project, new DeclaredVolumes(List.of("merq_present", "merq_files")), new ProcessRunner(),
            removeTimeout, fake.toString());
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(bin.resolve("calls"));
    }

    /** A compose reader that only knows the declared volumes. */
    private record DeclaredVolumes(List<String> volumes) implements Compose {
        @Override
        public String implementation() {
            return "docker compose";
        }

        @Override
        public void up(List<String> services, UpOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void create(List<String> services) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String commandLine(List<String> args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stop(List<String> services) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void start(List<String> services) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void create() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void down() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> images() {
            return Map.of();
        }

        @Override
        public List<String> services() {
            return List.of();
        }

        @Override
        public String config() {
            return "";
        }
    }
}
