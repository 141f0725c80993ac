package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code history} over a journal in the real format: several runs, a torn last line, filters, medians. */
class HistoryCommandTest {
    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner().adapters(CliRunner.unreachable());
    private Path config;

    /** One journal line as the executor writes it (the report plus user, host, pid). */
    private static String run(String command, Integer level, String status, String startedAt, long durationMs,
                              boolean dryRun) {
        String error = status.equals("succeeded") ? "" : ",\"error\":{\"exitCode\":1,\"message\":\"health-gate: did not"
            + " become healthy\"}";
        return "{\"command\":\"" + command + "\",\"level\":" + level + ",\"status\":\"" + status + "\",\"dryRun\":"
            + dryRun + ",\"startedAt\":\"" + startedAt + "\",\"finishedAt\":\"" + startedAt + "\",\"durationMs\":"
            + durationMs + ",\"steps\":[{\"id\":\"health-gate\",\"description\":\"d\",\"status\":\""
            + (status.equals("succeeded") ? "succeeded" : "failed") + "\",\"durationMs\":1,\"detail\":{}}],"
            + "\"result\":{}" + error + ",\"user\":\"ops\",\"host\":\"web1\",\"pid\":42}";
    }

    @BeforeEach
    void journalWithSeveralRuns() throws Exception {
        config = dir.resolve("rollback.yml");
        Files.writeString(config, "stack: { name: merq }\nstate-dir: state\n");
        Files.createDirectories(dir.resolve("state"));
        Files.write(dir.resolve("state/journal.jsonl"), List.of(
            run("redeploy", 1, "succeeded", "2026-11-01T10:00:00Z", 20_000, false),
            run("redeploy", 1, "failed", "2026-11-02T10:00:00Z", 95_000, false),
            run("verify", null, "succeeded", "2026-11-03T10:00:00Z", 3_000, false),
            run("redeploy", 1, "succeeded", "2026-11-04T10:00:00Z", 40_000, false),
            run("db-restore", 3, "succeeded", "2026-11-05T10:00:00Z", 300_000, true),
            run("db-restore", 3, "succeeded", "2026-11-06T10:00:00Z", 600_000, false),
            run("redeploy", 1, "succeeded", "2026-11-07T10:00:00Z", 30_000, false),
            run("redeploy", 1, "succeeded", "2026-11-08T10:00:00Z", 10_000, false)));
        Files.writeString(dir.resolve("state/journal.jsonl"), "{\"command\":\"redeploy\",\"lev",
            java.nio.file.StandardOpenOption.APPEND);
    }

    private JsonNode history(String... args) throws Exception {
        String[] all = new String[args.length + 5];
        all[0] = "history";
        all[1] = "-c";
        all[2] = config.toString();
        all[3] = "-o";
        all[4] = "json";
        System.arraycopy(args, 0, all, 5, args.length);
        CliRunner.Result result = cli.run(all);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return Json.MAPPER.readTree(result.out());
    }

    private static List<String> starts(JsonNode report) {
        return report.path("result").path("runs").findValuesAsText("startedAt");
    }

    @Test
    void newestFirstAndTheTornLastLineIsSkipped() throws Exception {
        JsonNode report = history();

        assertThat(starts(report)).hasSize(8).first().isEqualTo("2026-11-08T10:00:00Z");
        assertThat(starts(report)).last().isEqualTo("2026-11-01T10:00:00Z");
        assertThat(report.path("result").path("runs").get(0).path("who").asText()).isEqualTo("ops@web1");
    }

    @Test
    void filtersByLevelSinceCommandAndLimit() throws Exception {
        assertThat(starts(history("--level", "3"))).containsExactly("2026-11-06T10:00:00Z", "2026-11-05T10:00:00Z");
        assertThat(starts(history("--since", "2026-11-06"))).containsExactly("2026-11-08T10:00:00Z",
            "2026-11-07T10:00:00Z", "2026-11-06T10:00:00Z");
        assertThat(starts(history("--command", "verify"))).containsExactly("2026-11-03T10:00:00Z");
        JsonNode limited = history("--limit", "2");
        assertThat(starts(limited)).containsExactly("2026-11-08T10:00:00Z", "2026-11-07T10:00:00Z");
        assertThat(limited.path("result").path("matching").asInt()).isEqualTo(8);
    }

    @Test
    void mediansCountOnlySuccessfulRealRunsOfEachLevel() throws Exception {
        JsonNode times = history().path("result").path("recoveryTimes");

        assertThat(times.get(0).path("measuredRuns").asInt()).isEqualTo(4);
        assertThat(times.get(0).path("medianSeconds").asDouble()).isEqualTo(25.0);   // 10, 20, 30, 40
        assertThat(times.get(0).path("line").asText())
            .isEqualTo("Level 1 (Dokploy Redeploy): 2 min typical — ours: median 25.0 s over 4 runs (within the runbook)");
        assertThat(times.get(2).path("measuredRuns").asInt()).as("the dry run does not count").isEqualTo(1);
        assertThat(times.get(2).path("line").asText()).contains("15-30 min typical").contains("median 10.0 min over 1 run");
        assertThat(times.get(1).path("line").asText()).endsWith("no measured run yet");
    }

    /** A drill's journal line: its result names the backup and the measured restore time. */
    private static String drill(String status, String startedAt, long durationMs, long restoreMs) {
        return run("drill", 3, status, startedAt, durationMs, false).replace("\"result\":{}",
            "\"result\":{\"backup\":\"merq_20261101_020000.sql\",\"restoreMs\":" + restoreMs + "}");
    }

    @Test
    void drillsCountApartWithTheirRestoreTimeNotAsRecoveries() throws Exception {
        Files.write(dir.resolve("state/journal.jsonl"), List.of(
            run("db-restore", 3, "succeeded", "2026-11-06T10:00:00Z", 600_000, false),
            drill("succeeded", "2026-11-10T02:00:00Z", 9_000, 2_000),
            drill("succeeded", "2026-11-11T02:00:00Z", 9_000, 4_000),
            drill("failed", "2026-11-12T02:00:00Z", 9_000, 60_000)));

        JsonNode level3 = history().path("result").path("recoveryTimes").get(2);

        assertThat(level3.path("measuredRuns").asInt()).as("a drill recovers nothing").isEqualTo(1);
        assertThat(level3.path("drills").asInt()).as("the failed drill has no restore time").isEqualTo(2);
        assertThat(level3.path("drillMedianSeconds").asDouble()).isEqualTo(3.0);
        assertThat(level3.path("line").asText()).isEqualTo("Level 3 (Database Restore): 15-30 min typical — ours:"
            + " median 10.0 min over 1 run (within the runbook); drills: median restore 3.0 s over 2 drills (within the"
            + " runbook)");
        CliRunner.Result text = cli.run("history", "-c", config.toString(), "--command", "drill");
        assertThat(text.out()).contains("restore 4.0 s of merq_20261101_020000.sql");
    }

    @Test
    void textIsATableAndTheSummary() {
        CliRunner.Result result = cli.run("history", "-c", config.toString(), "--limit", "3");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("STARTED (UTC)", "2026-11-08 10:00:00Z", "ops@web1", "redeploy",
            "Level 1 (Dokploy Redeploy): 2 min typical — ours: median 25.0 s over 4 runs");
    }

    @Test
    void badFiltersAreUsageErrors() {
        assertThat(cli.run("history", "-c", config.toString(), "--level", "7").exitCode()).isEqualTo(2);
        CliRunner.Result since = cli.run("history", "-c", config.toString(), "--since", "last tuesday");
        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err()).contains("--since: 'last tuesday' is not a date");
    }

    @Test
    void noJournalYetIsAnEmptyHistory() throws Exception {
        Files.delete(dir.resolve("state/journal.jsonl"));

        assertThat(history().path("result").path("runs")).isEmpty();
    }
}
