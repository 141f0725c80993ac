package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.process.ChildEnvironment;
import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.core.config.SecretVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which of the tool's secrets a compose child gets: those the stack's own compose file or env file
 * names (its {@code ${DB_PASSWORD}}: without it the stack would start without its password), none
 * of the others. The "compose" is a script that prints its environment, run by the real runner.
 */
class ComposeCliEnvironmentTest {
    @TempDir
    Path bin;
    @TempDir
    Path workdir;
    private ComposeCli compose;

    @BeforeEach
    void composeThatPrintsItsEnvironment() throws IOException {
        Path fake = bin.resolve("env-compose");
        Files.writeString(fake, "#!/bin/sh\nexec /usr/bin/env\n");
        fake.toFile().setExecutable(true);
        Map<String, String> parent = new HashMap<>(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            "DB_PASSWORD", "db-secret", "GITHUB_TOKEN", "ghp_secret", "DIGITALOCEAN_TOKEN", "dop_v1_secret",
            "DOKPLOY_API_KEY", "dokploy-secret", "GIT_PASSWORD", "git-secret", "APP_TAG", "v2"));
        ProcessRunner runner = new ProcessRunner(new ChildEnvironment(parent, SecretVariables.DEFAULTS));
        Files.writeString(workdir.resolve("docker-compose.yml"), """
            services:
              db:
                image: postgres:15
                environment:
                  POSTGRES_PASSWORD: ${DB_PASSWORD}
              app:
                image: app:${APP_TAG}
            """);
        compose = new ComposeCli(new ComposeProject("merq", workdir, List.of(Path.of("docker-compose.yml")), null),
            runner, new ComposeVersion(List.of(fake.toString()), 1, 29, "1.29.2"));
    }

    @Test
    void composeGetsTheSecretsItsFilesNameAndNoOther() {
        String env = compose.config();

        assertThat(env).contains("DB_PASSWORD=db-secret", "APP_TAG=v2")
            .doesNotContain("ghp_secret", "dop_v1_secret", "dokploy-secret", "git-secret");
    }

    @Test
    void aSecretNamedInTheEnvFileIsPassedToo() throws IOException {
        Files.writeString(workdir.resolve("docker-compose.yml"), "services:\n  app:\n    image: app:${APP_TAG}\n");
        Files.writeString(workdir.resolve(".env"), "DEPLOY_TOKEN=${GITHUB_TOKEN}\n");
        Path fake = Path.of(compose.argv(List.of()).get(0));
        ComposeCli withEnvFile = new ComposeCli(new ComposeProject("merq", workdir, List.of(Path.of("docker-compose.yml")),
            Path.of(".env")), runnerOf(), new ComposeVersion(List.of(fake.toString()), 1, 29, "1.29.2"));

        assertThat(withEnvFile.config()).contains("GITHUB_TOKEN=ghp_secret").doesNotContain("db-secret", "dop_v1_secret");
        assertThat(compose.config()).as("the compose file alone no longer names DB_PASSWORD").doesNotContain("db-secret");
    }

    private static ProcessRunner runnerOf() {
        return new ProcessRunner(new ChildEnvironment(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            "DB_PASSWORD", "db-secret", "GITHUB_TOKEN", "ghp_secret", "DIGITALOCEAN_TOKEN", "dop_v1_secret"),
            SecretVariables.DEFAULTS));
    }
}
