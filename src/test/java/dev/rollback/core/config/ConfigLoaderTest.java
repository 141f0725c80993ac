package dev.rollback.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static final String FULL = """
        stack:
          name: merq
          target: compose
          workdir: .
          compose-file: docker-compose.yml
          env-file: .env
          app-services: [backend, web]
        backups: { dir: /backups, keep: 14 }
        state-dir: .rollback
        database:
          host: localhost
          port: 5432
          name: merq
          user: merq
          password-env: DB_PASSWORD
          container: merq-postgres
        health:
          timeout: 120s
          checks:
            - { name: api, url: "http://127.0.0.1:8080/api/health", expect: 200 }
        verify:
          sample-query: "select count(*) from users"
        git: { remote: origin, branch: main }
        proxy: { kind: caddy, container: caddy, caddyfile: ./Caddyfile, admin: "http://127.0.0.1:2019" }
        dokploy: { url: "https://dokploy.example.com", api-key-env: DOKPLOY_API_KEY, application-id: "abc" }
        digitalocean: { token-env: DIGITALOCEAN_TOKEN, droplet-id: 123, domain: example.com, records: [api, admin] }
        migrations: { paths: ["db/migrations/**"] }
        """;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("rollback.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private static RollbackException usageError(Runnable load) {
        try {
            load.run();
        } catch (RollbackException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(e.getMessage()).doesNotContain("\n");
            return e;
        }
        throw new AssertionError("expected a usage error");
    }

    @Test
    void readsTheSpecExampleWithDefaultsAndResolvesPathsAgainstTheFile() throws IOException {
        Config config = ConfigLoader.load(write(FULL), Map.of());

        assertThat(config.stack().name()).isEqualTo("merq");
        assertThat(config.stack().appServices()).containsExactly("backend", "web");
        assertThat(config.backups().keep()).isEqualTo(14);
        assertThat(config.backupsDir()).isEqualTo(Path.of("/backups"));
        assertThat(config.stateDirPath()).isEqualTo(dir.toAbsolutePath().resolve(".rollback"));
        assertThat(config.database().container()).isEqualTo("merq-postgres");
        assertThat(config.health().timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.health().checks().get(0).expect()).isEqualTo(200);
        assertThat(config.digitalocean().dropletId()).isEqualTo(123L);
    }

    @Test
    void minimalFileGetsTheDocumentedDefaults() throws IOException {
        Config config = ConfigLoader.load(write("stack: { name: demo }\n"), Map.of());

        assertThat(config.stack().target()).isEqualTo("compose");
        assertThat(config.stack().composeFile()).isEqualTo("docker-compose.yml");
        assertThat(config.database().port()).isEqualTo(5432);
        assertThat(config.database().passwordEnvOrDefault()).isEqualTo("DB_PASSWORD");
        assertThat(config.health().timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.verify().logLines()).isEqualTo(50);
        assertThat(config.git().branch()).isEqualTo("main");
    }

    @Test
    void unknownKeyNamesTheKeyItsSectionAndLine() throws IOException {
        Path file = write("stack:\n  name: merq\n  compse-file: x.yml\n");

        RollbackException e = usageError(() -> ConfigLoader.load(file, Map.of()));

        assertThat(e.getMessage()).startsWith("rollback.yml line 3: unknown key 'compse-file' in stack")
            .contains("compose-file");
    }

    @Test
    void wrongTypeNamesTheKeyAndLine() throws IOException {
        Path file = write("stack: { name: merq }\ndatabase:\n  port: fivefourthreetwo\n");

        RollbackException e = usageError(() -> ConfigLoader.load(file, Map.of()));

        assertThat(e.getMessage()).startsWith("rollback.yml line 3: database.port: wrong type or value");
    }

    @Test
    void aListGivenAsAScalarIsAWrongType() throws IOException {
        Path file = write("stack:\n  name: merq\n  app-services: backend\n");

        assertThat(usageError(() -> ConfigLoader.load(file, Map.of())).getMessage())
            .contains("line 3").contains("stack.app-services");
    }

    @Test
    void keepVolumesIsReadAndMustBeAtLeastOne() throws IOException {
        Config kept = ConfigLoader.load(write("stack: { name: merq }\nbackups:\n  keep-volumes: 3\n"), Map.of());
        assertThat(kept.backups().keepVolumes()).isEqualTo(3);
        assertThat(ConfigLoader.load(write("stack: { name: merq }\n"), Map.of()).backups().keepVolumes()).isNull();

        Path zero = write("stack: { name: merq }\nbackups:\n  keep-volumes: 0\n");

        assertThat(usageError(() -> ConfigLoader.load(zero, Map.of())).getMessage())
            .contains("backups.keep-volumes must be at least 1, got 0");
    }

    @Test
    void theProxyIsNamedByItsComposeServiceOrByItsContainerNotBoth() throws IOException {
        Config byService = ConfigLoader.load(write("stack: { name: merq }\nproxy: { service: caddy }\n"), Map.of());
        assertThat(byService.proxy().service()).isEqualTo("caddy");
        assertThat(byService.proxy().located()).isTrue();
        assertThat(ConfigLoader.load(write("stack: { name: merq }\nproxy: { admin: \"http://127.0.0.1:2019\" }\n"),
            Map.of()).proxy().located()).isFalse();

        Path both = write("stack: { name: merq }\nproxy: { service: caddy, container: merq-caddy-1 }\n");
        assertThat(usageError(() -> ConfigLoader.load(both, Map.of())).getMessage())
            .contains("proxy: give container or service, not both");
        Path badName = write("stack: { name: merq }\nproxy: { service: \"--volumes\" }\n");
        assertThat(usageError(() -> ConfigLoader.load(badName, Map.of())).getMessage()).contains("proxy.service");
    }

    @Test
    void missingRequiredNameIsAUsageError() throws IOException {
        Path file = write("stack:\n  target: compose\n");

        assertThat(usageError(() -> ConfigLoader.load(file, Map.of())).getMessage())
            .contains("stack.name is required");
    }

    @Test
    void badDurationSaysWhatADurationLooksLike() throws IOException {
        Path file = write("stack: { name: merq }\nhealth:\n  timeout: soon\n");

        assertThat(usageError(() -> ConfigLoader.load(file, Map.of())).getMessage())
            .contains("line 3").contains("'soon' is not a duration");
    }

    @Test
    void databaseNameWithSqlInItIsRefused() throws IOException {
        Path file = write("stack: { name: merq }\ndatabase:\n  name: \"merq; drop table users\"\n");

        assertThat(usageError(() -> ConfigLoader.load(file, Map.of())).getMessage())
            .contains("database.name").contains("not a valid name");
    }

    @Test
    void missingFileSaysHowToPointAtOne() {
        RollbackException e = usageError(() -> ConfigLoader.load(dir.resolve("nope.yml"), Map.of()));

        assertThat(e.getMessage()).contains("nope.yml not found").contains("--config");
    }

    @Test
    void aliasBombIsRefused() throws IOException {
        StringBuilder yaml = new StringBuilder("stack: { name: merq }\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = c;
        }
        Path file = write(yaml.toString());

        assertThat(usageError(() -> ConfigLoader.load(file, Map.of())).getMessage()).isNotBlank();
    }

    @Test
    void runbookVariablesAndRollbackVariablesOverrideTheFile() throws IOException {
        Path file = write(FULL);

        Config config = ConfigLoader.load(file, Map.of("DB_HOST", "db.internal", "DB_NAME", "merq_staging",
            "ROLLBACK_DATABASE_PORT", "6543", "ROLLBACK_BACKUPS_DIR", "/srv/backups",
            "ROLLBACK_HEALTH_TIMEOUT", "30s"));

        assertThat(config.database().host()).isEqualTo("db.internal");
        assertThat(config.database().name()).isEqualTo("merq_staging");
        assertThat(config.database().port()).isEqualTo(6543);
        assertThat(config.backupsDir()).isEqualTo(Path.of("/srv/backups"));
        assertThat(config.health().timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rollbackFormWinsOverTheRunbookForm() throws IOException {
        Config config = ConfigLoader.load(write(FULL), Map.of("DB_USER", "a", "ROLLBACK_DATABASE_USER", "b"));

        assertThat(config.database().user()).isEqualTo("b");
    }

    @Test
    void badOverrideNamesTheVariable() throws IOException {
        Path file = write(FULL);

        assertThat(usageError(() -> ConfigLoader.load(file, Map.of("DB_PORT", "many"))).getMessage())
            .contains("database.port");
    }

    @Test
    void locateHonoursOptionThenEnvironmentThenDefault() {
        assertThat(ConfigLoader.locate(Path.of("a.yml"), Map.of("ROLLBACK_CONFIG", "b.yml"))).isEqualTo(Path.of("a.yml"));
        assertThat(ConfigLoader.locate(null, Map.of("ROLLBACK_CONFIG", "b.yml"))).isEqualTo(Path.of("b.yml"));
        assertThat(ConfigLoader.locate(null, Map.of())).isEqualTo(Path.of("rollback.yml"));
    }

    @Test
    void durationsAreReadAsOperatorsWriteThem() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> DurationText.parse("10")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DurationText.parse("-5s")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DurationText.parse("5 s")).hasMessageContaining("not a duration");
    }
}
