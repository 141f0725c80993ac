package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dockerfile's structure, checked offline (building it needs a registry; CI's image job does). */
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
