package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgTargetTest {

    @Test
    void toStringNeverShowsThePassword() {
        PgTarget target = new PgTarget("localhost", 5432, "merq", "merq", "hunter2-secret", "pg", 5432,
            ToolsMode.AUTO, "$DB_PASSWORD");

        assertThat(target.toString()).doesNotContain("hunter2-secret").contains("password set from $DB_PASSWORD");
        assertThat(target.describe()).isEqualTo("merq at localhost:5432 (user merq)");
    }

    @Test
    void readsThePasswordFromTheDefaultVariable() {
        DatabaseConfig config = new DatabaseConfig("db", 5433, "merq", "merq", null, null, "pg", null, "container");

        PgTarget target = PgTarget.fromConfig(config, Map.of("DB_PASSWORD", "from-env"));

        assertThat(target.password()).isEqualTo("from-env");
        assertThat(target.passwordSource()).isEqualTo("$DB_PASSWORD");
        assertThat(target.port()).isEqualTo(5433);
        assertThat(target.containerPort()).isEqualTo(5432);
        assertThat(target.tools()).isEqualTo(ToolsMode.CONTAINER);
    }

    @Test
    void anExplicitlyNamedVariableMustBeSet() {
        DatabaseConfig config = new DatabaseConfig(null, null, "merq", "merq", "MERQ_PW", null, null, null, null);

        assertThatThrownBy(() -> PgTarget.fromConfig(config, Map.of()))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                assertThat(e.getMessage()).contains("MERQ_PW");
            });
    }

    @Test
    void readsThePasswordFileWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("db_password"), "file-secret\n");
        DatabaseConfig config = new DatabaseConfig(null, null, "merq", "merq", null, file.toString(), null, null, null);

        PgTarget target = PgTarget.fromConfig(config, Map.of("DB_PASSWORD", "ignored"));

        assertThat(target.password()).isEqualTo("file-secret");
        assertThat(target.passwordSource()).isEqualTo("file " + file);
    }

    @Test
    void rejectsNamesThatCouldBeReadAsOptions() {
        assertThatThrownBy(() -> new PgTarget("-oProxyCommand", 5432, "merq", "merq", null, null, 5432, ToolsMode.HOST))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PgTarget("localhost", 5432, "merq", "merq", null, "-e", 5432, ToolsMode.HOST))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
