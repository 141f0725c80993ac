package dev.rollback.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The layouts migration tools use, told by name; down scripts, other databases and the apply order. */
class MigrationNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "prisma/migrations/20240101120000_init/migration.sql | PRISMA",
        "prisma/migrations/01_init/migration.sql | PRISMA",
        "src/main/resources/db/migration/V2__add_nick.sql | FLYWAY",
        "db/migration/V2.1__add_nick.sql | FLYWAY",
        "db/migration/R__views.sql | FLYWAY",
        "migrations/000001_create_users.up.sql | GOLANG_MIGRATE",
        "migrations/003_add.sql | PLAIN",
    })
    void aSqlFileNamedAsAToolNamesItsMigrations(String path, MigrationFile.Format format) {
        assertThat(MigrationNames.formatByName(path)).contains(format);
    }

    @ParameterizedTest
    @CsvSource({"docs/example.sql", "db/clickhouse/schema.sql", "prisma/migrations/migration.sql",
        "prisma/migrations/init/migration.sql"})
    void otherSqlFilesAreNotMigrationsByName(String path) {
        assertThat(MigrationNames.formatByName(path)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"migrations/000001_create_users.down.sql", "db/migration/U2__add_nick.sql"})
    void downAndUndoScriptsAreNotAppliedOnDeploy(String path) {
        assertThat(MigrationNames.isUndo(path)).isTrue();
    }

    @Test
    void railsAndDjangoMigrationsAreFoundButAreNotSql() {
        assertThat(MigrationNames.codeMigration("db/migrate/20240101120000_add_nick_to_users.rb")).isTrue();
        assertThat(MigrationNames.codeMigration("shop/migrations/0002_order_total.py")).isTrue();
        assertThat(MigrationNames.codeMigration("app/models/user.rb")).isFalse();
        assertThat(MigrationNames.isSql("db/migrate/20240101120000_add_nick_to_users.rb")).isFalse();
    }

    @Test
    void aDirectoryNamedAfterAnotherDatabaseIsNotPostgres() {
        assertThat(MigrationNames.otherDatabase("db/clickhouse/migrations/09_add_performance.sql")).contains("ClickHouse");
        assertThat(MigrationNames.otherDatabase("db/MySQL/migrations/01_init/migration.sql")).contains("MySQL");
        assertThat(MigrationNames.otherDatabase("prisma/migrations/01_init/migration.sql")).isEqualTo(Optional.empty());
        assertThat(MigrationNames.otherDatabase("db/clickhouse.sql")).as("only directories name a database").isEmpty();
    }

    @Test
    void prismaMigrationsAreOrderedByTheirDirectory() {
        List<String> paths = List.of("prisma/migrations/10_b/migration.sql", "prisma/migrations/9_a/migration.sql");

        assertThat(paths.stream().sorted((a, b) -> new NaturalOrder().compare(MigrationNames.orderKey(a),
            MigrationNames.orderKey(b))).toList()).containsExactly("prisma/migrations/9_a/migration.sql",
            "prisma/migrations/10_b/migration.sql");
    }

    @Test
    void aPrismaMigrationIsNamedByItsDirectoryInShort() {
        assertThat(MigrationNames.shortName("prisma/migrations/14_add_link/migration.sql"))
            .isEqualTo("14_add_link/migration.sql");
        assertThat(MigrationNames.shortName("db/migration/V3__drop.sql")).isEqualTo("V3__drop.sql");
    }

    @Test
    void onlyTheConfiguredPathsCountWhenThereAreAny() {
        MigrationNames configured = new MigrationNames("", new MigrationPaths(List.of("prisma/migrations/**"), true));
        MigrationNames inWorkdir = new MigrationNames("app", new MigrationPaths(List.of("prisma/migrations/**"), true));

        assertThat(configured.pathsConfigured()).isTrue();
        assertThat(configured.underConfiguredPaths("prisma/migrations/01_init/migration.sql")).isTrue();
        assertThat(configured.underConfiguredPaths("db/clickhouse/migrations/09_add_performance.sql")).isFalse();
        assertThat(inWorkdir.underConfiguredPaths("app/prisma/migrations/01_init/migration.sql")).isTrue();
        assertThat(new MigrationNames("", new MigrationPaths(List.of("db/migrations/**"), false)).pathsConfigured()).isFalse();
    }
}
