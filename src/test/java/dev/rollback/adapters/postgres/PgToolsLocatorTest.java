package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PgToolsLocatorTest {
    private static final ToolVersion V14 = new ToolVersion(14, "14.13");
    private static final ToolVersion V15 = new ToolVersion(15, "15.18");
    private static final ToolVersion V16 = new ToolVersion(16, "16.4");

    @Test
    void autoPrefersHostToolsThatFitTheServer() {
        ToolsLocation location = locate(ToolsMode.AUTO, "pg", 15, Optional.of(V16), Optional.of(V15));

        assertThat(location.describe()).isEqualTo("host pg_dump 16.4");
    }

    @Test
    void autoFallsBackToTheContainerWhenHostToolsAreTooOld() {
        ToolsLocation location = locate(ToolsMode.AUTO, "merq-postgres", 15, Optional.of(V14), Optional.of(V15));

        assertThat(location.describe()).isEqualTo("container merq-postgres (pg_dump 15.18)");
    }

    @Test
    void autoFallsBackToTheContainerWhenTheHostHasNoTools() {
        ToolsLocation location = locate(ToolsMode.AUTO, "pg", 15, Optional.empty(), Optional.of(V15));

        assertThat(location.inContainer()).isTrue();
    }

    @Test
    void autoWithoutContainerExplainsTheVersionMismatch() {
        assertThatThrownBy(() -> locate(ToolsMode.AUTO, null, 15, Optional.of(V14), Optional.empty()))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("pg_dump 14.13", "older than the server (PostgreSQL 15)",
                    "database.container");
            });
    }

    @Test
    void autoWithoutAnyToolsSaysSo() {
        assertThatThrownBy(() -> locate(ToolsMode.AUTO, null, 15, Optional.empty(), Optional.empty()))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("pg_dump is not installed");
            });
    }

    @Test
    void explicitHostModeRefusesTooOldTools() {
        assertThatThrownBy(() -> locate(ToolsMode.HOST, "pg", 16, Optional.of(V15), Optional.of(V16)))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("host pg_dump 15.18 is older than the server (PostgreSQL 16)");
            });
    }

    @Test
    void explicitContainerModeIgnoresHostTools() {
        ToolsLocation location = locate(ToolsMode.CONTAINER, "pg", 15, Optional.of(V16), Optional.of(V15));

        assertThat(location).isEqualTo(ToolsLocation.inContainer("pg", V15));
    }

    @Test
    void containerModeNeedsAContainer() {
        assertThatThrownBy(() -> locate(ToolsMode.CONTAINER, null, 15, Optional.of(V15), Optional.empty()))
            .isInstanceOfSatisfying(RollbackException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
    }

    @Test
    void containerWithoutPgDumpIsRefused() {
        assertThatThrownBy(() -> locate(ToolsMode.CONTAINER, "app", 15, Optional.empty(), Optional.empty()))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("container app has no pg_dump");
            });
    }

    private static ToolsLocation locate(ToolsMode mode, String container, int serverMajor,
                                        Optional<ToolVersion> host, Optional<ToolVersion> inContainer) {
        PgTarget target = new PgTarget("localhost", 5432, "merq", "merq", "pw", container, 5432, mode);
        return new ToolsLocator(target, c -> c ? inContainer : host, () -> serverMajor).locate();
    }
}
