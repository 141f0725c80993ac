package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dockerfile's structure, checked offline (scripts/build-image.sh and CI's image job build it). */
class DockerfileCheckTest {
    @TempDir
    Path broken;

    @Test
    void theDockerfileHasItsStagesTheToolsAndTheSmokeCheck() throws Exception {
        Run run = check(Path.of("Dockerfile"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("FAIL");
    }

    @Test
    void aDockerfileWithoutTheSmokeCheckFails() throws Exception {
        String withoutSmokeCheck = Files.readString(Path.of("Dockerfile")).replace("RUN rollback --version", "RUN true");
        Files.writeString(broken.resolve("Dockerfile"), withoutSmokeCheck);

        Run run = check(broken.resolve("Dockerfile"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("FAIL RUN rollback --version after the install");
    }

    /** The jar may come through a stage {@code FROM ${ARTIFACTS_FROM}}, but by default from the build stage. */
    @Test
    void aJarStageThatDoesNotDefaultToTheBuildStageFails() throws Exception {
        String prebuiltByDefault = Files.readString(Path.of("Dockerfile"))
            .replace("ARG ARTIFACTS_FROM=build", "ARG ARTIFACTS_FROM=rollback-local/artifacts:1");
        assertThat(prebuiltByDefault).contains("ARTIFACTS_FROM=rollback-local");
        Files.writeString(broken.resolve("Dockerfile"), prebuiltByDefault);

        Run run = check(broken.resolve("Dockerfile"));

        assertThat(run.output()).contains("FAIL the jar comes from the build stage (COPY --from=artifacts)");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run check(Path dockerfile) throws Exception {
        Process process = new ProcessBuilder(List.of("bash", "scripts/check-dockerfile.sh", dockerfile.toString()))
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
