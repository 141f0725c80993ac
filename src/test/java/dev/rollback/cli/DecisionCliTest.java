package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan and check-migrations as a user sees them when something is missing: one line, the contract's exit code. */
class DecisionCliTest {
    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner().adapters(CliRunner.unreachable());
    private String config;

    @BeforeEach
    void config() throws Exception {
        config = dir.resolve("rollback.yml").toString();
        Files.writeString(dir.resolve("rollback.yml"), "stack: { name: merq }\n");
    }

    @Test
    void planNeedsASeverity() {
        CliRunner.Result missing = cli.run("plan", "-c", config);
        CliRunner.Result wrong = cli.run("plan", "-c", config, "--severity", "fatal");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--severity=critical|minor'");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("fatal");
    }

    /**
     * Docker down means level 4; on a platform whose infra-rebuild refuses (Dokploy's), the plan
     * names no command and --execute refuses in one line instead of running a refusal.
     */
    @Test
    void levelFourOnAPlatformWithoutInfraRebuildIsByHand() throws Exception {
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: merq, target: dokploy }
            dokploy: { url: "http://127.0.0.1:1", application-id: app1 }
            docker: { host: "tcp://127.0.0.1:1" }
            """);
        CliRunner live = new CliRunner().env("DOKPLOY_API_KEY", "k");

        CliRunner.Result plan = live.run("plan", "-c", config, "--severity", "critical", "-o", "json");
        CliRunner.Result execute = live.run("plan", "-c", config, "--severity", "critical", "--execute", "--yes");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        JsonNode result = Json.MAPPER.readTree(plan.out()).path("result");
        assertThat(result.path("recommendedLevel").asInt()).isEqualTo(4);
        assertThat(result.path("commandLine").isNull()).as(plan.out()).isTrue();
        assertThat(execute.exitCode()).as(execute.err()).isEqualTo(3);
        assertThat(execute.err().strip()).isEqualTo("rollback: nothing to execute: level 4 is done by hand on this"
            + " platform (see the reasons)");
    }

    @Test
    void checkMigrationsOutsideACheckoutIsRefusedInOneLine() throws Exception {
        CliRunner.Result result = cli.run("check-migrations", "-c", config, "--from", "HEAD~1", "-o", "json");

        assertThat(result.exitCode()).isEqualTo(3);
        JsonNode report = Json.MAPPER.readTree(result.out());
        assertThat(report.path("status").asText()).isEqualTo("refused");
        assertThat(report.path("error").path("message").asText()).contains("is not in a git checkout");
        assertThat(result.err().strip().lines()).hasSize(1);
    }

    @Test
    void aNegativeLargeTableThresholdIsAConfigError() throws Exception {
        Files.writeString(dir.resolve("rollback.yml"), "stack: { name: merq }\nmigrations:\n  large-table-rows: -1\n");

        CliRunner.Result result = cli.run("check-migrations", "-c", config);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("migrations.large-table-rows must be 0 or more");
    }
}
