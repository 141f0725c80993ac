package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.adapters.docker.Compose.UpOptions;
import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs ComposeCli against a fake compose program (a shell script that records its argv and
 * working directory), so the real ProcessRunner path is exercised without Docker.
 */
class ComposeCliTest {
    private static final String FAKE = """
        #!/bin/sh
        here=$(dirname "$0")
        pwd > "$here/cwd"
        printf '%s\\n' "$@" > "$here/argv"
        case "$*" in
          *version*) echo "docker-compose version 1.29.2, build unknown" ;;
          *"config --services"*) printf 'web\\n\\napi\\n' ;;
          *"config --hash"*) [ -f "$here/hash-unsupported" ] && { echo "unknown flag: --hash" >&2; exit 1; }
            printf 'web %064d\\napi %s\\n' 0 "$(printf 'a%.0s' $(seq 64))" ;;
          *nosuch*) echo "Creating network x" >&2; echo "ERROR: No such service: nosuch" >&2; exit 1 ;;
        esac
        """;

    @TempDir
    Path bin;
    @TempDir
    Path workdir;
    private Path fake;
    private final ProcessRunner runner = new ProcessRunner();

    @BeforeEach
    void writeFakeCompose() throws IOException {
        fake = bin.resolve("fake-compose");
        Files.writeString(fake, FAKE);
        fake.toFile().setExecutable(true);
    }

    @Test
    void upPassesProjectFilesEnvFileAndNeverBuildsOrPullsOnV2() throws IOException {
        Files.writeString(workdir.resolve("stack.env"), "PORT=1\n");
        ComposeCli compose = compose(v2(), "stack.env");

        compose.up(List.of("web"), new UpOptions(true, true));

        assertThat(recordedArgv()).containsExactly("compose", "-p", "merq",
            "-f", workdir.resolve("docker-compose.yml").toString(), "-f", workdir.resolve("override.yml").toString(),
            "--env-file", workdir.resolve("stack.env").toString(),
            "up", "-d", "--no-build", "--pull", "never", "--force-recreate", "--no-deps", "web");
        assertThat(Files.readString(bin.resolve("cwd")).strip()).isEqualTo(workdir.toRealPath().toString());
    }

    @Test
    void v1GetsNoPullFlagAndAMissingEnvFileIsLeftOut() throws IOException {
        ComposeCli compose = compose(v1(), "absent.env");

        compose.up(List.of(), UpOptions.DEFAULT);

        assertThat(recordedArgv()).doesNotContain("--pull", "--env-file", "--force-recreate", "--no-deps")
            .endsWith("up", "-d", "--no-build");
    }

    @Test
    void downNeverRemovesVolumes() throws IOException {
        compose(v1(), null).down();

        assertThat(recordedArgv()).endsWith("down", "--remove-orphans").doesNotContain("-v", "--volumes");
    }

    @Test
    void updateRecreatesExactlyTheNamedServicesAndNothingThatDependsOnThem() throws IOException {
        ComposeCli compose = compose(v2(), null);

        compose.update(List.of("web"));
        assertThat(recordedArgv()).endsWith("up", "-d", "--no-build", "--pull", "never", "--no-deps", "--force-recreate",
            "--remove-orphans", "web");

        compose.update(List.of());
        assertThat(recordedArgv()).endsWith("up", "-d", "--no-build", "--pull", "never", "--remove-orphans")
            .doesNotContain("--no-deps", "--force-recreate");
    }

    @Test
    void configHashesAreReadPerServiceOrNotAtAll() throws IOException {
        assertThat(compose(v2(), null).configHashes()).hasValueSatisfying(hashes -> {
            assertThat(hashes).containsOnlyKeys("web", "api");
            assertThat(hashes.get("web")).hasSize(64).containsOnlyDigits();
        });
        assertThat(recordedArgv()).endsWith("config", "--hash", "*");

        Files.writeString(bin.resolve("hash-unsupported"), "");
        assertThat(compose(v2(), null).configHashes()).as("an older compose: it decides by itself").isEmpty();
    }

    @Test
    void stopAndStartTargetTheListedServices() throws IOException {
        ComposeCli compose = compose(v1(), null);

        compose.stop(List.of("web", "api"));
        assertThat(recordedArgv()).endsWith("stop", "web", "api");

        compose.start(List.of());
        assertThat(recordedArgv()).endsWith("merq", "-f", workdir.resolve("docker-compose.yml").toString(),
            "-f", workdir.resolve("override.yml").toString(), "start");
    }

    @Test
    void servicesAreTheNonBlankLinesOfConfigServices() throws IOException {
        assertThat(compose(v1(), null).services()).containsExactly("web", "api");
        assertThat(recordedArgv()).endsWith("config", "--services");
    }

    @Test
    void aFailureCarriesComposesLastErrorLine() {
        assertThatThrownBy(() -> compose(v1(), null).up(List.of("nosuch"), UpOptions.DEFAULT))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                assertThat(e.getMessage()).isEqualTo(fake + " up failed for project merq (exit 1): "
                    + "ERROR: No such service: nosuch");
            });
    }

    @Test
    void aServiceNameThatLooksLikeAnOptionIsRejectedBeforeAnythingRuns() {
        assertThatThrownBy(() -> compose(v1(), null).stop(List.of("--volumes")))
            .isInstanceOfSatisfying(RollbackException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
        assertThat(bin.resolve("argv")).doesNotExist();
    }

    @Test
    void detectionFallsBackToTheNextCandidateAndParsesItsVersion() {
        List<List<String>> candidates = List.of(List.of(bin.resolve("missing").toString(), "compose"),
            List.of("false"), List.of(fake.toString()));

        ComposeVersion version = ComposeCli.detectVersion(runner, candidates);

        assertThat(version.command()).containsExactly(fake.toString());
        assertThat(version.version()).isEqualTo("1.29.2");
    }

    @Test
    void detectionFailsWithExit4WhenNoComposeIsInstalled() {
        assertThatThrownBy(() -> ComposeCli.detectVersion(runner, List.of(List.of("false"), List.of("false", "x"))))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
                assertThat(e.getMessage()).contains("docker compose", "docker-compose");
            });
    }

    @Test
    void rollbackComposeKeepsToOneImplementation() {
        assertThat(ComposeCli.candidates(null)).containsExactly(List.of("docker", "compose"), List.of("docker-compose"));
        assertThat(ComposeCli.candidates("auto")).isEqualTo(ComposeCli.candidates(""));
        assertThat(ComposeCli.candidates("v2")).containsExactly(List.of("docker", "compose"));
        assertThat(ComposeCli.candidates("v1")).containsExactly(List.of("docker-compose"));
        assertThatThrownBy(() -> ComposeCli.candidates("2"))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                assertThat(e.getMessage()).isEqualTo("ROLLBACK_COMPOSE is '2'; use v2, v1 or auto");
            });
    }

    @Test
    void aChosenComposeThatIsMissingSaysWhichOneAndWhy() {
        assertThatThrownBy(() -> ComposeCli.detectVersion(runner, List.of(List.of(bin.resolve("missing").toString()))))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
                assertThat(e.getMessage()).contains("is not installed, and ROLLBACK_COMPOSE asks for it");
            });
    }

    private ComposeCli compose(ComposeVersion version, String envFile) {
        ComposeProject project = new ComposeProject("merq", workdir,
            List.of(Path.of("docker-compose.yml"), Path.of("override.yml")), envFile == null ? null : Path.of(envFile));
        return new ComposeCli(project, runner, version);
    }

    /** The fake stands in for "docker" in v2 mode, so its first argument is "compose". */
    private ComposeVersion v2() {
        return new ComposeVersion(List.of(fake.toString(), "compose"), 2, 24, "2.24.5");
    }

    private ComposeVersion v1() {
        return new ComposeVersion(List.of(fake.toString()), 1, 29, "1.29.2");
    }

    private List<String> recordedArgv() throws IOException {
        return Files.readAllLines(bin.resolve("argv"));
    }
}
