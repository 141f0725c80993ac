package dev.rollback.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rollback.adapters.git.JGitRepository;
import dev.rollback.adapters.sql.JSqlStatements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renames as the migrations see them, on a real git repository: a migration renamed with changes
 * is read as modified, one moved out of the migrations is deleted from them, a script moved into
 * them is new; golang-migrate's down files and Rails' Ruby migrations are told by name.
 */
class ChangedMigrationsIT {
    private static final String CREATE = "CREATE TABLE replay (id uuid PRIMARY KEY, name text, size int, kind text);\n"
        + "CREATE INDEX CONCURRENTLY replay_name_idx ON replay (name);\n"
        + "CREATE INDEX CONCURRENTLY replay_size_idx ON replay (size);\n";

    @TempDir
    Path repo;

    private String commit(Git git, Map<String, String> write, List<String> delete) throws Exception {
        for (Map.Entry<String, String> file : write.entrySet()) {
            Path path = repo.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        for (String path : delete) {
            Files.delete(repo.resolve(path));
        }
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage("change").setAuthor("Dev", "dev@example.com")
            .setCommitter("Dev", "dev@example.com").call().getName();
    }

    private MigrationReport check(String from, String to, MigrationPaths paths) {
        return new MigrationCheck(new MigrationCheck.Inputs(JGitRepository.open(repo), "", paths, new JSqlStatements(),
            TableSizes.unknown("no database in this test"), 100_000)).run(from, to);
    }

    private static MigrationPaths defaults() {
        return new MigrationPaths(List.of("db/migrations/**", "migrations/**"), false);
    }

    @Test
    void aMigrationRenamedWithChangesIsReadAsModifiedAndNamesItsOldPath() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            String from = commit(git, Map.of("prisma/migrations/18_add_replay/migration.sql", CREATE), List.of());
            String to = commit(git, Map.of("prisma/migrations/19_add_replay/migration.sql",
                CREATE + "ALTER TABLE website DROP COLUMN recorder;\n"), List.of("prisma/migrations/18_add_replay/migration.sql"));

            MigrationReport report = check(from, to, defaults());

            assertThat(report.files()).singleElement().satisfies(file -> {
                assertThat(file.path()).isEqualTo("prisma/migrations/19_add_replay/migration.sql");
                assertThat(file.change()).isEqualTo("renamed");
                assertThat(file.note()).contains("renamed from prisma/migrations/18_add_replay/migration.sql");
            });
            assertThat(report.verdict()).isEqualTo(Outcome.DATABASE_RESTORE_NEEDED);
            assertThat(report.skipped()).isEmpty();
        }
    }

    @Test
    void aMigrationMovedOutIsDeletedFromTheMigrationsAndAScriptMovedInIsNew() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            String from = commit(git, Map.of("db/migrations/003_old.sql", "DROP TABLE legacy;\n",
                "scripts/fix.sql", "UPDATE users SET email = lower(email);\n"), List.of());
            String to = commit(git, Map.of("archive/old.txt", "DROP TABLE legacy;\n",
                    "db/migrations/004_fix.sql", "UPDATE users SET email = lower(email);\n"),
                List.of("db/migrations/003_old.sql", "scripts/fix.sql"));

            MigrationReport report = check(from, to, defaults());

            assertThat(report.files()).extracting(FileReport::path, FileReport::change).containsExactly(
                tuple("db/migrations/003_old.sql", "deleted"),
                tuple("db/migrations/004_fix.sql", "added"));
            assertThat(report.files().get(1).statements()).extracting(Finding::kind).containsExactly("update");
            assertThat(report.skipped()).isEmpty();
        }
    }

    @Test
    void aMigrationMovedOutOfTheSetPathsIsDeletedFromThemNotSkipped() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            String from = commit(git, Map.of("prisma/migrations/01_init/migration.sql", CREATE), List.of());
            String to = commit(git, Map.of("db/legacy/01_init/migration.sql", CREATE),
                List.of("prisma/migrations/01_init/migration.sql"));

            MigrationReport report = check(from, to, new MigrationPaths(List.of("prisma/migrations/**"), true));

            assertThat(report.files()).extracting(FileReport::path, FileReport::change)
                .containsExactly(tuple("prisma/migrations/01_init/migration.sql", "deleted"));
            assertThat(report.verdict()).isEqualTo(Outcome.REVIEW);
        }
    }

    @Test
    void onlyGolangMigrateUpFilesCountAndRailsMigrationsAreNotSql() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            String from = commit(git, Map.of("README.md", "app\n"), List.of());
            String to = commit(git, Map.of(
                "sql/000002_nick.up.sql", "ALTER TABLE users ADD COLUMN nick text;\n",
                "sql/000002_nick.down.sql", "ALTER TABLE users DROP COLUMN nick;\n",
                "db/migrate/20240101120000_add_tier_to_users.rb", "class AddTier < ActiveRecord::Migration[7.1]\nend\n"),
                List.of());

            MigrationReport report = check(from, to, defaults());

            assertThat(report.files()).extracting(FileReport::path, FileReport::format).containsExactly(
                tuple("sql/000002_nick.up.sql", "golang-migrate"),
                tuple("db/migrate/20240101120000_add_tier_to_users.rb", "other"));
            assertThat(report.files().get(1).statements().get(0).reason()).contains("not SQL").contains("Rails");
            assertThat(report.verdict()).as("the Ruby migration needs a person").isEqualTo(Outcome.REVIEW);
        }
    }
}
