package dev.rollback.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code digitalocean:} section: defaults, and values that would reach an API path refused on load. */
class DigitalOceanConfigTest {
    @TempDir
    Path dir;

    private Config load(String section, Map<String, String> env) throws IOException {
        Path file = dir.resolve("rollback.yml");
        Files.writeString(file, "stack: { name: merq }\n" + section);
        return ConfigLoader.load(file, env);
    }

    @Test
    void defaultsAreTheRealApiATokenVariableAShortTtlAndBoundedPolling() throws IOException {
        DigitalOceanConfig config = load("digitalocean: { droplet-id: 123, domain: example.com, records: [api, \"@\"] }\n",
            Map.of()).digitalocean();

        assertThat(config.apiUrl()).isEqualTo("https://api.digitalocean.com");
        assertThat(config.tokenEnv()).isEqualTo("DIGITALOCEAN_TOKEN");
        assertThat(config.dnsTtl()).isEqualTo(60);
        assertThat(config.actionTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.records()).containsExactly("api", "@");
    }

    @Test
    void theApiAddressCanComeFromTheEnvironment() throws IOException {
        Config config = load("digitalocean: { droplet-id: 123 }\n",
            Map.of("ROLLBACK_DIGITALOCEAN_API_URL", "http://127.0.0.1:8089"));

        assertThat(config.digitalocean().apiUrl()).isEqualTo("http://127.0.0.1:8089");
    }

    @Test
    void recordNamesThatAreNotDnsNamesAndTooShortTtlsAreRefusedOnLoad() {
        RollbackException record = catchThrowableOfType(RollbackException.class,
            () -> load("digitalocean: { droplet-id: 123, domain: example.com, records: [\"api/../x\"] }\n", Map.of()));
        RollbackException ttl = catchThrowableOfType(RollbackException.class,
            () -> load("digitalocean: { droplet-id: 123, dns-ttl: 5 }\n", Map.of()));
        RollbackException unknown = catchThrowableOfType(RollbackException.class,
            () -> load("digitalocean: { droplet-id: 123, token: abc }\n", Map.of()));

        assertThat(record.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(record.getMessage()).contains("digitalocean.records: 'api/../x' is not a valid name");
        assertThat(ttl.getMessage()).contains("digitalocean.dns-ttl must be at least 30");
        assertThat(unknown.getMessage()).contains("unknown key 'token' in digitalocean").doesNotContain("abc");
    }
}
