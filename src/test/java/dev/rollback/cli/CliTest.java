package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user sees it, for everything that ends before the stack is touched. */
class CliTest {
    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner().adapters(CliRunner.unreachable());

    private static JsonNode json(String out) throws Exception {
        return Json.MAPPER.readTree(out);
    }

    @Test
    void helpListsTheGlobalOptionsAndCommands() {
        CliRunner.Result result = cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--dry-run", "--yes", "--output", "--config", "verify", "backup", "backups");
    }

    @Test
    void versionPrintsTheName() {
        CliRunner.Result result = cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("rollback ");
    }

    @Test
    void unknownOptionIsAUsageErrorOnStderr() {
        CliRunner.Result result = cli.run("verify", "--frobnicate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("rollback: Unknown option: '--frobnicate'");
    }

    @Test
    void badOutputValueIsAUsageError() {
        assertThat(cli.run("verify", "-o", "yaml").exitCode()).isEqualTo(2);
    }

    @Test
    void usageErrorUnderJsonStillPrintsExactlyOneDocument() throws Exception {
        CliRunner.Result result = cli.run("backup", "-o", "json", "--keep", "many");

        assertThat(result.exitCode()).isEqualTo(2);
        JsonNode report = json(result.out());
        assertThat(report.path("status").asText()).isEqualTo("refused");
        assertThat(report.path("error").path("exitCode").asInt()).isEqualTo(2);
    }

    @Test
    void missingConfigFileIsOneLineAndExitTwo() {
        CliRunner.Result result = cli.run("verify", "--config", dir.resolve("absent.yml").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("rollback: config file " + dir.resolve("absent.yml")
            + " not found; pass --config FILE or set ROLLBACK_CONFIG");
    }

    @Test
    void configFromTheEnvironmentVariableIsUsed() {
        CliRunner.Result result = new CliRunner().adapters(CliRunner.unreachable())
            .env("ROLLBACK_CONFIG", dir.resolve("from-env.yml").toString()).run("verify");

        assertThat(result.err()).contains("from-env.yml not found");
    }

    @Test
    void unknownYamlKeyUnderJsonGivesADocumentNamingKeyAndLine() throws Exception {
        Path config = dir.resolve("rollback.yml");
        Files.writeString(config, "stack:\n  name: merq\nbackup:\n  dir: /backups\n");

        CliRunner.Result result = cli.run("-o", "json", "backup", "-c", config.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(json(result.out()).path("error").path("message").asText())
            .startsWith("rollback.yml line 3: unknown key 'backup'");
        assertThat(result.err()).contains("unknown key 'backup'");
    }

    @Test
    void backupWithoutADatabaseNameSaysWhatIsMissing() throws Exception {
        Path config = dir.resolve("rollback.yml");
        Files.writeString(config, "stack: { name: merq }\n");

        CliRunner.Result result = cli.run("backup", "-c", config.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("database.name is required");
    }

    @Test
    void badBackupLabelIsRefusedBeforeAnythingRuns() throws Exception {
        Path config = dir.resolve("rollback.yml");
        Files.writeString(config, "stack: { name: merq }\ndatabase: { name: merq, user: merq }\n");

        CliRunner.Result result = cli.run("backup", "-c", config.toString(), "--label", "../../etc/passwd");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--label").contains("not a valid name");
    }

    @Test
    void volumesOfADokployStackAreRefusedNamingWhereTheyWork() throws Exception {
        Path config = dir.resolve("rollback.yml");
        Files.writeString(config, "stack: { name: shop, target: dokploy }\n"
            + "dokploy: { url: \"http://127.0.0.1:1\", api-key-env: DOKPLOY_KEY }\n");

        CliRunner.Result result = cli.run("backup", "-c", config.toString(), "--no-database", "--volumes", "--yes");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip())
            .isEqualTo("rollback: --volumes works for stack.target compose or swarm, not dokploy");
    }
}
