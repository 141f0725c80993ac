package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code check-migrations} as CI runs it: the real jar against a real git repository with one
 * commit per case (each dangerous kind, each safe kind, an unparsable statement; Flyway, Liquibase
 * and plain numbered files), each commit checked against its parent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckMigrationsE2EIT {
    @TempDir
    static Path repo;

    /** case → its commit. */
    private final Map<String, String> commits = new LinkedHashMap<>();
    private String root;

    /** One commit: what it adds, and what check-migrations must say of its first statement. */
    record Case(String name, String path, String sql, String format, String kind, String verdict, int line,
                String overall, int exitCode) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String liquibase = "--liquibase formatted sql\n\n--changeset ops:1\nINSERT INTO roles (name) VALUES ('admin');\n"
            + "--rollback DELETE FROM roles WHERE name = 'admin';\n";
        return Stream.of(
            new Case("drop table", "db/migrations/V2__drop_legacy.sql", "DROP TABLE legacy;\n",
                "flyway", "drop-table", "dangerous", 1, "database-restore-needed", 1),
            new Case("drop column", "db/migrations/V3__drop_nick.sql", "-- nick is unused\nALTER TABLE users DROP COLUMN nick;\n",
                "flyway", "drop-column", "dangerous", 2, "database-restore-needed", 1),
            new Case("type change", "db/migrations/V4__widen_age.sql", "ALTER TABLE users ALTER COLUMN age TYPE bigint;\n",
                "flyway", "alter-column-type", "dangerous", 1, "database-restore-needed", 1),
            new Case("rename", "db/migrations/V5__rename.sql", "ALTER TABLE users RENAME COLUMN email TO mail;\n",
                "flyway", "rename-column", "dangerous", 1, "database-restore-needed", 1),
            new Case("update", "migrations/006_lower_emails.sql", "UPDATE users SET email = lower(email);\n",
                "plain", "update", "dangerous", 1, "database-restore-needed", 1),
            new Case("delete", "007_purge_sessions.sql", "DELETE FROM sessions WHERE created < now() - interval '30 days';\n",
                "plain", "delete", "dangerous", 1, "database-restore-needed", 1),
            new Case("not null without default", "db/migrations/V8__tier.sql",
                "ALTER TABLE users ADD COLUMN tier int NOT NULL;\n",
                "flyway", "add-column", "dangerous", 1, "database-restore-needed", 1),
            new Case("index, size unknown", "db/migrations/V9__idx_email.sql", "CREATE INDEX idx_email ON users (email);\n",
                "flyway", "create-index", "review", 1, "review", 1),
            new Case("create table", "db/migrations/V10__audit.sql",
                "CREATE TABLE audit (id bigserial PRIMARY KEY, what text NOT NULL);\n",
                "flyway", "create-table", "safe", 1, "code-rollback-enough", 0),
            new Case("nullable column", "db/migrations/V11__nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;\n",
                "flyway", "add-column", "safe", 1, "code-rollback-enough", 0),
            new Case("index concurrently", "db/migrations/V12__idx_created.sql",
                "CREATE INDEX CONCURRENTLY idx_created ON users (created);\n",
                "flyway", "create-index", "safe", 1, "code-rollback-enough", 0),
            new Case("insert (Liquibase)", "db/changelog/changes.sql", liquibase,
                "liquibase", "insert", "safe", 4, "code-rollback-enough", 0),
            new Case("Liquibase changeset appended", "db/changelog/changes.sql", liquibase
                + "\n--changeset ops:2\nALTER TABLE users DROP COLUMN legacy_flag;\n--rollback ALTER TABLE users ADD COLUMN legacy_flag boolean;\n",
                "liquibase", "drop-column", "dangerous", 8, "database-restore-needed", 1),
            new Case("unparsable", "db/migrations/V14__check.sql", "ALTER TABLE users ADD CHECK (age > 0);\n",
                "flyway", "unparsable", "review", 1, "review", 1));
    }

    @BeforeAll
    void repositoryWithOneCommitPerCase() throws Exception {
        GitStack.git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("rollback.yml"), "stack: { name: migrations-e2e }\n");
        root = commit("rollback.yml", "stack: { name: migrations-e2e }\n", "initial");
        for (Case c : cases().toList()) {
            commits.put(c.name(), commit(c.path(), c.sql(), c.name()));
        }
        commit("db/migrations/U14__undo_check.sql", "ALTER TABLE users DROP CONSTRAINT x;\n", "undo script");
        commits.put("not migrations", commit("docs/example.sql", "DROP TABLE users;\n", "an example in the docs"));
    }

    private String commit(String path, String content, String message) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        GitStack.git(repo, "add", path);
        GitStack.git(repo, "commit", "-q", "-m", message);
        return GitStack.git(repo, "rev-parse", "HEAD").strip();
    }

    private RollbackCli.Run check(String from, String to) {
        return RollbackCli.run(repo, Map.of(), "--config", repo.resolve("rollback.yml").toString(), "check-migrations",
            "--from", from, "--to", to, "-o", "json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCommitIsClassifiedAgainstItsParent(Case c) {
        String sha = commits.get(c.name());

        RollbackCli.Run run = check(sha + "~1", sha);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(c.exitCode());
        JsonNode result = run.json().path("result");
        assertThat(result.path("verdict").asText()).isEqualTo(c.overall());
        assertThat(result.path("files")).hasSize(1);
        JsonNode file = result.path("files").get(0);
        assertThat(file.path("path").asText()).isEqualTo(c.path());
        assertThat(file.path("format").asText()).isEqualTo(c.format());
        assertThat(file.path("statements")).hasSize(1);
        JsonNode statement = file.path("statements").get(0);
        assertThat(statement.path("kind").asText()).isEqualTo(c.kind());
        assertThat(statement.path("verdict").asText()).isEqualTo(c.verdict());
        assertThat(statement.path("line").asInt()).isEqualTo(c.line());
        assertThat(statement.path("reason").asText()).isNotBlank();
        if (c.exitCode() != 0) {
            assertThat(run.json().path("status").asText()).isEqualTo("failed");
            assertThat(run.err()).contains(c.verdict().equals("dangerous") ? "the database must be restored" : "review needed");
        }
    }

    @Test
    void theAppendedLiquibaseChangesetIsTheOnlyOneChecked() {
        String sha = commits.get("Liquibase changeset appended");

        JsonNode file = check(sha + "~1", sha).json().path("result").path("files").get(0);

        assertThat(file.path("statements").get(0).path("changeset").asText()).isEqualTo("ops:2");
        assertThat(file.path("note").asText()).contains("1 changeset(s) already in the older commit");
    }

    @Test
    void undoScriptsAndSqlOutsideMigrationsAreNotMigrations() {
        String sha = commits.get("not migrations");

        RollbackCli.Run run = check(sha + "~2", sha);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("files")).isEmpty();
        assertThat(run.json().path("result").path("verdict").asText()).isEqualTo("code-rollback-enough");
    }

    @Test
    void theWholeRangeInTextWithTheWorstVerdict() {
        long start = System.nanoTime();
        RollbackCli.Run run = RollbackCli.run(repo, Map.of(), "--config", repo.resolve("rollback.yml").toString(),
            "check-migrations", "--from", root, "--to", "HEAD");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("db/migrations/V3__drop_nick.sql (flyway, added)")
            .contains("dangerous drop-column").contains("verdict: database-restore-needed");
        assertThat(run.out().indexOf("V2__drop_legacy.sql")).as("Flyway order: V2 before V10")
            .isLessThan(run.out().indexOf("V10__audit.sql"));
        System.out.println("check-migrations over " + cases().count() + " commits: " + millis + " ms");
    }

    @Test
    void anUnknownRevisionIsRefused() {
        RollbackCli.Run run = check("no-such-rev", "HEAD");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("no-such-rev");
    }
}
