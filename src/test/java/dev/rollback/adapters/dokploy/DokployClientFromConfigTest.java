package dev.rollback.adapters.dokploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DokployConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DokployClient#fromConfig}: what a bad {@code dokploy:} section or environment tells the user. */
class DokployClientFromConfigTest {
    private static final Map<String, String> ENV = Map.of("DOKPLOY_API_KEY", "dk_live_secret");

    @Test
    void aMissingKeyIsAUsageErrorNamingTheDefaultVariable() {
        RollbackException error = usageError(new DokployConfig("https://dokploy.example.com", null, "app-1", null, null), Map.of());

        assertThat(error.getMessage()).startsWith("$DOKPLOY_API_KEY is not set");
    }

    @Test
    void aMissingKeyNamesTheVariableTheConfigChose() {
        RollbackException error = usageError(new DokployConfig("https://dokploy.example.com", "PANEL_KEY", "app-1", null, null), ENV);

        assertThat(error.getMessage()).startsWith("$PANEL_KEY is not set").doesNotContain("dk_live_secret");
    }

    @Test
    void aBlankKeyIsMissing() {
        RollbackException error = usageError(new DokployConfig("https://dokploy.example.com", null, "app-1", null, null),
            Map.of("DOKPLOY_API_KEY", "  \n"));

        assertThat(error.getMessage()).startsWith("$DOKPLOY_API_KEY is not set");
    }

    @Test
    void aKeyAHeaderCannotCarryIsRefusedWithoutShowingIt() {
        // The JDK's own exception for a bad header value would quote the value; ours must not.
        RollbackException error = usageError(new DokployConfig("https://dokploy.example.com", null, "app-1", null, null),
            Map.of("DOKPLOY_API_KEY", "dk_live_secret\nX-Other: 1"));

        assertThat(error.getMessage()).contains("$DOKPLOY_API_KEY", "cannot carry").doesNotContain("dk_live_secret");
    }

    @Test
    void aMissingUrlIsAUsageError() {
        assertThat(usageError(new DokployConfig(null, null, "app-1", null, null), ENV).getMessage())
            .startsWith("dokploy.url is required");
        assertThat(usageError(new DokployConfig(" ", null, "app-1", null, null), ENV).getMessage())
            .startsWith("dokploy.url is required");
    }

    @Test
    void aMissingDokploySectionIsAUsageError() {
        assertThat(usageError(null, ENV).getMessage()).contains("dokploy section");
    }

    @Test
    void aUrlThatIsNotHttpsIsAUsageError() {
        assertThat(usageError(new DokployConfig("dokploy.example.com", null, "app-1", null, null), ENV).getMessage())
            .contains("must be an https:// address");
        assertThat(usageError(new DokployConfig("ftp://dokploy.example.com", null, "app-1", null, null), ENV).getMessage())
            .contains("must be an https:// address");
    }

    /** The key would travel in clear text: refused before any request, whatever the key. */
    @Test
    void plainHttpToAnotherMachineIsAUsageErrorNamingTheKey() {
        assertThat(usageError(new DokployConfig("http://dokploy.example.com", null, "app-1", null, null), ENV).getMessage())
            .startsWith("dokploy.url 'http://dokploy.example.com' must be an https:// address")
            .contains("plain http only to this machine");
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        RollbackException error = usageError(
            new DokployConfig("https://admin:hunter2@dokploy.example.com", null, "app-1", null, null), ENV);

        assertThat(error.getMessage()).contains("must not carry credentials").doesNotContain("hunter2");
    }

    private static RollbackException usageError(DokployConfig config, Map<String, String> env) {
        RollbackException error = catchThrowableOfType(RollbackException.class,
            () -> DokployClient.fromConfig(config, env));
        assertThat(error).as("expected a RollbackException").isNotNull();
        assertThat(error.exitCode()).isEqualTo(ExitCode.USAGE);
        return error;
    }
}
