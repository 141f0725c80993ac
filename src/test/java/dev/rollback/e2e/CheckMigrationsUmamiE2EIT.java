package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check-migrations} on a real public history: umami-software/umami's migrations, replayed
 * commit by commit from src/test/resources/migrations/umami (see its README), checked as a new
 * user would with {@code migrations.paths: ["prisma/migrations/**"]}, and the verdicts a reviewer
 * gives: the 13 migrations moved in 88639dfe8 are not new (so the old {@code DROP TABLE
 * "team_website"} is not judged at all), Prisma's {@code SET DATA TYPE} is a type change, and
 * ClickHouse's migrations are skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckMigrationsUmamiE2EIT {
    private static final String RESOURCES = "/migrations/umami/";

    @TempDir
    static Path repo;

    /** umami's short SHA → the replayed commit. */
    private final Map<String, String> commits = new HashMap<>();

    @BeforeAll
    void replayUmamisHistory() throws IOException {
        GitStack.git(repo, "init", "-q", "-b", "main");
        String replay = resource("replay.txt");
        String umami = null;
        String subject = null;
        for (String line : replay.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
            String[] words = line.split(" ", 3);
            switch (words[0]) {
                case "commit" -> {
                    if (umami != null) {
                        commits.put(umami, commit(umami, subject));
                    }
                    umami = words[1];
                    subject = words[2];
                }
                case "add", "modify" -> write(words[1], resource("files/" + umami + "/" + words[1]));
                case "delete" -> Files.delete(repo.resolve(words[1]));
                case "move" -> {
                    Files.createDirectories(repo.resolve(words[2]).getParent());
                    Files.move(repo.resolve(words[1]), repo.resolve(words[2]));
                }
                default -> throw new IllegalStateException("replay.txt: " + line);
            }
        }
        commits.put(umami, commit(umami, subject));
        Files.writeString(repo.resolve("rollback.yml"),
            "stack: { name: umami-e2e }\nmigrations: { paths: [\"prisma/migrations/**\"] }\n");
        Files.writeString(repo.resolve("no-paths.yml"), "stack: { name: umami-e2e }\n");
    }

    private String commit(String umami, String subject) {
        GitStack.git(repo, "add", "-A");
        GitStack.git(repo, "commit", "-q", "-m", "umami " + umami + ": " + subject);
        return GitStack.git(repo, "rev-parse", "HEAD").strip();
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CheckMigrationsUmamiE2EIT.class.getResourceAsStream(RESOURCES + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private RollbackCli.Run check(String config, String umami, String... output) {
        String to = commits.get(umami);
        List<String> args = new ArrayList<>(List.of("--config", repo.resolve(config).toString(), "check-migrations",
            "--from", to + "~1", "--to", to));
        args.addAll(List.of(output));
        return RollbackCli.run(repo, Map.of(), args.toArray(String[]::new));
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<String> paths(JsonNode array) {
        return list(array).stream().map(n -> n.path("path").asText()).toList();
    }

    private static List<JsonNode> statements(JsonNode result) {
        return list(result.path("files")).stream().flatMap(f -> list(f.path("statements")).stream()).toList();
    }

    @Test
    void movedMigrationsAreNotNewOnlyTheAddedOneIsJudged() {
        RollbackCli.Run run = check("rollback.yml", "88639dfe8", "-o", "json");

        JsonNode result = run.json().path("result");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(result.path("verdict").asText()).isEqualTo("database-restore-needed");
        assertThat(paths(result.path("files"))).containsExactly("prisma/migrations/14_add_link_and_pixel/migration.sql");
        JsonNode file = result.path("files").get(0);
        assertThat(file.path("format").asText()).isEqualTo("prisma");
        assertThat(file.path("change").asText()).isEqualTo("added");
        assertThat(statements(result)).noneMatch(s -> s.path("sql").asText().contains("team_website"));
        List<JsonNode> dangerous = statements(result).stream()
            .filter(s -> s.path("verdict").asText().equals("dangerous")).toList();
        assertThat(dangerous).extracting(s -> s.path("kind").asText()).containsOnly("alter-column-type");
        assertThat(dangerous).extracting(s -> s.path("reason").asText()).hasSize(3)
            .anyMatch(r -> r.contains("\"report\".\"type\"")).anyMatch(r -> r.contains("\"revenue\".\"currency\""));
        assertThat(result.path("counts").path("review").asLong()).isZero();
        assertThat(run.err()).contains("the database must be restored").contains("3 dangerous statement(s): 14_add_link_and_pixel/migration.sql:2 alter-column-type");
        System.out.println("check-migrations over umami 88639dfe8 (20 files changed, 1 analysed): " + run.millis() + " ms");
    }

    @Test
    void theMovedAndTheOtherDatabasesMigrationsAreListedAsSkipped() {
        JsonNode skipped = check("rollback.yml", "88639dfe8", "-o", "json").json().path("result").path("skipped");

        assertThat(list(skipped)).filteredOn(s -> s.path("reason").asText().startsWith("moved from db/postgresql/"))
            .hasSize(13).extracting(s -> s.path("path").asText())
            .contains("prisma/migrations/01_init/migration.sql", "prisma/migrations/04_team_redesign/migration.sql");
        assertThat(list(skipped)).filteredOn(s -> s.path("reason").asText().contains("MySQL"))
            .extracting(s -> s.path("path").asText())
            .containsExactlyInAnyOrder("db/mysql/migrations/11_add_segment/migration.sql",
                "db/mysql/migrations/12_update_report_parameter/migration.sql",
                "db/mysql/migrations/13_add_revenue/migration.sql");
        assertThat(paths(skipped)).as("data scripts moved from scripts/ are no migrations")
            .noneMatch(p -> p.contains("data-migrations"));
    }

    @Test
    void withoutConfiguredPathsThePrismaLayoutIsFoundByNameWithTheSameVerdict() {
        JsonNode result = check("no-paths.yml", "88639dfe8", "-o", "json").json().path("result");

        assertThat(result.path("verdict").asText()).isEqualTo("database-restore-needed");
        assertThat(paths(result.path("files"))).containsExactly("prisma/migrations/14_add_link_and_pixel/migration.sql");
        assertThat(result.path("counts").path("dangerous").asLong()).isEqualTo(3);
    }

    @Test
    void prismasSetDataTypeOnALiveTableIsATypeChange() {
        RollbackCli.Run run = check("rollback.yml", "cb034a137", "-o", "json");

        JsonNode result = run.json().path("result");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(result.path("verdict").asText()).isEqualTo("database-restore-needed");
        assertThat(paths(result.path("files"))).containsExactly("prisma/migrations/15_boards/migration.sql",
            "prisma/migrations/16_update_website_event_length/migration.sql");
        assertThat(list(result.path("files").get(0).path("statements")))
            .allMatch(s -> s.path("verdict").asText().equals("safe"));
        List<JsonNode> typeChanges = list(result.path("files").get(1).path("statements"));
        assertThat(typeChanges).hasSize(15).allMatch(s -> s.path("kind").asText().equals("alter-column-type")
            && s.path("verdict").asText().equals("dangerous"));
        assertThat(result.path("counts").path("review").asLong()).isZero();
    }

    @Test
    void aNewTableIsEnoughForACodeRollbackAndClickHouseIsSkipped() {
        RollbackCli.Run run = check("rollback.yml", "ce9e2416f", "-o", "json");

        JsonNode result = run.json().path("result");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(result.path("verdict").asText()).isEqualTo("code-rollback-enough");
        assertThat(paths(result.path("files"))).containsExactly("prisma/migrations/18_add_performance/migration.sql");
        assertThat(list(result.path("skipped"))).singleElement().satisfies(s -> {
            assertThat(s.path("path").asText()).isEqualTo("db/clickhouse/migrations/09_add_performance.sql");
            assertThat(s.path("reason").asText()).contains("ClickHouse").contains("not PostgreSQL");
        });
    }

    @Test
    void withoutConfiguredPathsClickHouseIsStillSkippedNotReviewed() {
        RollbackCli.Run run = check("no-paths.yml", "ce9e2416f");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("skipped db/clickhouse/migrations/09_add_performance.sql: a ClickHouse migration")
            .contains("prisma/migrations/18_add_performance/migration.sql (prisma, added)")
            .contains("verdict: code-rollback-enough");
    }
}
