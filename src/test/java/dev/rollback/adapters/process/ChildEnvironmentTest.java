package dev.rollback.adapters.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.config.SecretVariables;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a real child ({@code /usr/bin/env}) gets when the tool's environment holds every secret it
 * knows: the parent environment is a map handed to the runner, so the JVM's is never changed.
 */
class ChildEnvironmentTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The database password under the name a config gives it ({@code password-env: MERQ_DB_PW}). */
    private static final Map<String, String> SECRETS = Map.of(
        "MERQ_DB_PW", "db-secret-1", "DB_PASSWORD", "db-secret-2", "PGPASSWORD", "pg-secret",
        "GITHUB_TOKEN", "ghp_secret", "FORGE_PAT", "forge-secret", "GIT_TOKEN", "git-token-secret",
        "GIT_PASSWORD", "git-password-secret", "DOKPLOY_API_KEY", "dokploy-secret",
        "DIGITALOCEAN_TOKEN", "dop_v1_secret");
    private static final Set<String> SECRET_NAMES = names(SECRETS.keySet());

    private final Map<String, String> parent = parent();
    private final ProcessRunner runner = new ProcessRunner(new ChildEnvironment(parent, SECRET_NAMES));

    @Test
    void aChildGetsTheToolsEnvironmentWithoutAnySecret() {
        Map<String, String> child = env(ProcessSpec.of(List.of("/usr/bin/env"), TIMEOUT));

        assertThat(child).containsEntry("PATH", parent.get("PATH")).containsEntry("GIT_USERNAME", "deploy")
            .containsEntry("DOCKER_HOST", "unix:///var/run/docker.sock");
        assertThat(child).doesNotContainKeys(SECRETS.keySet().toArray(String[]::new));
        assertThat(String.join("\n", child.values())).doesNotContain(SECRETS.values());
    }

    @Test
    void aPgToolGetsItsPasswordAsPgpasswordAndNothingElse() {
        Map<String, String> child = env(ProcessSpec.of(List.of("/usr/bin/env"), TIMEOUT)
            .withEnvironment(Map.of("PGPASSWORD", "the-database-password")));

        assertThat(child).containsEntry("PGPASSWORD", "the-database-password");
        Map<String, String> others = new HashMap<>(SECRETS);
        others.remove("PGPASSWORD");
        assertThat(child).doesNotContainKeys(others.keySet().toArray(String[]::new));
    }

    @Test
    void aSecretIsPassedOnlyByNameAndOnlyWhenTheToolHasIt() {
        Map<String, String> child = env(ProcessSpec.of(List.of("/usr/bin/env"), TIMEOUT)
            .passing(Set.of("MERQ_DB_PW", "NOT_SET_ANYWHERE")));

        assertThat(child).containsEntry("MERQ_DB_PW", "db-secret-1").doesNotContainKey("NOT_SET_ANYWHERE")
            .doesNotContainKeys("GITHUB_TOKEN", "DIGITALOCEAN_TOKEN", "DOKPLOY_API_KEY", "GIT_PASSWORD", "DB_PASSWORD");
    }

    @Test
    void withoutAConfigTheDefaultNamesAreWithheld() {
        ProcessRunner defaults = new ProcessRunner(new ChildEnvironment(parent, SecretVariables.DEFAULTS));

        Map<String, String> child = parse(defaults.runChecked(ProcessSpec.of(List.of("/usr/bin/env"), TIMEOUT)).stdout());

        assertThat(child).doesNotContainKeys("DB_PASSWORD", "PGPASSWORD", "GITHUB_TOKEN", "GIT_TOKEN", "GIT_PASSWORD",
            "DOKPLOY_API_KEY", "DIGITALOCEAN_TOKEN");
    }

    private Map<String, String> env(ProcessSpec spec) {
        return parse(runner.runChecked(spec).stdout());
    }

    private static Map<String, String> parent() {
        Map<String, String> parent = new HashMap<>(SECRETS);
        parent.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        parent.put("GIT_USERNAME", "deploy");
        parent.put("DOCKER_HOST", "unix:///var/run/docker.sock");
        return parent;
    }

    /** The config names MERQ_DB_PW and FORGE_PAT on top of the defaults. */
    private static Set<String> names(Set<String> secrets) {
        Set<String> names = new TreeSet<>(SecretVariables.DEFAULTS);
        names.addAll(secrets);
        return names;
    }

    private static Map<String, String> parse(String envOutput) {
        Map<String, String> env = new HashMap<>();
        envOutput.lines().filter(line -> line.contains("=")).forEach(line ->
            env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        return env;
    }
}
