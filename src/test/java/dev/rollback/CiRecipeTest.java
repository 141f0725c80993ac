package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CI recipe of docs/ci.md parses as YAML and holds the steps the docs promise. */
class CiRecipeTest {
    private static final Path WORKFLOWS = Path.of(".github/workflows");
    private final YAMLMapper yaml = new YAMLMapper();

    private JsonNode workflow(String name) throws Exception {
        return yaml.readTree(Files.readString(WORKFLOWS.resolve(name)));
    }

    private static List<String> runs(JsonNode job) {
        List<String> runs = new ArrayList<>();
        job.path("steps").forEach(step -> runs.add(step.path("run").asText("")));
        return runs;
    }

    @Test
    void afterAFailedDeployThePlanRunsUploadsTheReportAndFailsWithItsExitCode() throws Exception {
        JsonNode rollback = workflow("rollback-on-failed-deploy.yml").path("jobs").path("rollback");

        assertThat(rollback.path("if").asText()).isEqualTo("failure() && needs.deploy.outputs.watch != 'failure'");
        assertThat(rollback.path("needs").asText()).isEqualTo("deploy");
        assertThat(runs(rollback)).anyMatch(run -> run.contains(
            "rollback plan --severity critical --execute --yes --output json > rollback-report.json"));
        JsonNode upload = rollback.path("steps").get(1);
        assertThat(upload.path("uses").asText()).startsWith("actions/upload-artifact@");
        assertThat(upload.path("with").path("path").asText()).isEqualTo("rollback-report.json");
        assertThat(upload.path("if").asText()).isEqualTo("always()");
        assertThat(runs(rollback).get(runs(rollback).size() - 1))
            .isEqualTo("exit \"${{ steps.rollback.outputs.exit-code }}\"");
    }

    @Test
    void beforeTheDeployMigrationsAreCheckedAndThePreDeployBackupTaken() throws Exception {
        JsonNode jobs = workflow("rollback-on-failed-deploy.yml").path("jobs");

        assertThat(runs(jobs.path("pre-deploy"))).anyMatch(run -> run.startsWith("rollback check-migrations"))
            .anyMatch(run -> run.equals("rollback backup --label pre_deploy --yes"));
        assertThat(jobs.path("deploy").path("needs").asText()).isEqualTo("pre-deploy");
    }

    @Test
    void afterTheDeployTheWatchRunsBeforeTheReleaseIsRecordedAndItsReportIsKept() throws Exception {
        JsonNode deploy = workflow("rollback-on-failed-deploy.yml").path("jobs").path("deploy");
        List<String> runs = runs(deploy);

        int deployed = runs.indexOf("./deploy.sh");
        int watched = runs.indexOf("rollback watch --for 5m --failures 3 --interval 5s --yes --output json > watch-report.json");
        int recorded = runs.indexOf("rollback release record --yes");
        assertThat(deployed).isNotNegative();
        assertThat(watched).isGreaterThan(deployed).isLessThan(recorded);
        assertThat(deploy.path("steps").get(watched).path("id").asText()).isEqualTo("watch");
        assertThat(deploy.path("outputs").path("watch").asText()).isEqualTo("${{ steps.watch.outcome }}");
        JsonNode upload = deploy.path("steps").get(watched + 1);
        assertThat(upload.path("uses").asText()).startsWith("actions/upload-artifact@");
        assertThat(upload.path("with").path("path").asText()).isEqualTo("watch-report.json");
        assertThat(upload.path("if").asText()).isEqualTo("always()");
    }

    @Test
    void theRepositorysOwnCiIsStillThere() throws Exception {
        assertThat(workflow("ci.yml").path("jobs").has("test")).isTrue();
    }
}
