package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Creating, listing, inspecting and dropping whole databases on a real PostgreSQL 15. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgDatabasesIT {
    private FixturePostgres db;
    private PgClient client;

    @BeforeAll
    void startDatabase() {
        db = FixturePostgres.start();
        client = new PgClient(db.target(ToolsMode.AUTO), new ProcessRunner());
    }

    @AfterAll
    void removeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void createsAnEmptyDatabaseOwnedByTheUserThenDropsIt() throws SQLException {
        String name = "Merq_scratch-1"; // mixed case and a hyphen: only correct quoting keeps both

        client.createDatabase(name);

        assertThat(client.databaseExists(name)).isTrue();
        assertThat(client.databaseExists("merq_scratch-1")).as("quoted names are case-sensitive").isFalse();
        assertThat(client.databases()).contains(name);
        assertThat(db.queryValue("postgres", "select pg_get_userbyid(datdba) from pg_database where datname = '"
            + name + "'")).isEqualTo(FixturePostgres.USER);
        assertThat(client.tables(name)).isEmpty();

        client.dropDatabase(name);

        assertThat(client.databaseExists(name)).isFalse();
        assertThat(client.databases()).doesNotContain(name);
    }

    @Test
    void listsTheDatabasesWithoutTemplatesSorted() {
        assertThat(client.databases()).containsSubsequence("merq", "postgres")
            .doesNotContain("template0", "template1")
            .isSorted();
    }

    @Test
    void creatingAnExistingDatabaseIsRefused() {
        assertThatThrownBy(() -> client.createDatabase("merq"))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("database merq already exists");
            });
    }

    @Test
    void droppingEndsTheSessionsOfTheDatabaseAndAMissingOneIsFine() throws SQLException {
        client.createDatabase("busy_scratch");
        try (var session = db.connect("busy_scratch")) {
            client.dropDatabase("busy_scratch");

            assertThat(client.databaseExists("busy_scratch")).isFalse();
            assertThatThrownBy(() -> session.createStatement().execute("select 1")).isInstanceOf(SQLException.class);
        }
        client.dropDatabase("busy_scratch");
    }

    /** The live database is never dropped here, whatever the caller asks; nor are the system databases. */
    @Test
    void refusesToDropTheLiveDatabaseOrASystemOne() {
        for (String name : new String[] {"merq", "MERQ", "postgres", "template1"}) {
            assertThatThrownBy(() -> client.dropDatabase(name))
                .as(name)
                .isInstanceOfSatisfying(RollbackException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED));
        }
        assertThat(client.databaseExists("merq")).isTrue();
        assertThat(client.databaseExists("postgres")).isTrue();
        assertThatThrownBy(() -> client.dropDatabase("merq"))
            .hasMessageContaining("database merq is the live database (database.name)");
    }

    @Test
    void aNameThatCouldEscapeItsQuotesIsAUsageError() {
        assertThatThrownBy(() -> client.createDatabase("x\" TEMPLATE template1; --"))
            .isInstanceOfSatisfying(RollbackException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
        assertThatThrownBy(() -> client.dropDatabase("merq\"--"))
            .isInstanceOfSatisfying(RollbackException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
    }

    @Test
    void listsTheUserTablesOfAnyDatabaseAndQueriesIt() throws SQLException {
        client.createDatabase("tables_scratch");
        try {
            db.execute("tables_scratch", "create schema app", "create table app.orders (id int)",
                "create table public.users (id int)", "insert into public.users values (1), (2), (3)",
                "create view public.active_users as select * from public.users");

            assertThat(client.tables("tables_scratch")).containsExactly("app.orders", "public.users");
            assertThat(client.queryFirstValue("tables_scratch", "select count(*) from users")).contains("3");
            assertThat(client.queryFirstValue("select current_database()")).contains("merq");
        } finally {
            client.dropDatabase("tables_scratch");
        }
    }

    @Test
    void aMissingDatabaseIsAFailedPreconditionNotAnUnreachableServer() {
        assertThatThrownBy(() -> client.tables("no_such_scratch"))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).isEqualTo("database no_such_scratch does not exist at 127.0.0.1:" + db.port());
            });
        assertThatThrownBy(() -> client.queryFirstValue("no_such_scratch", "select 1"))
            .isInstanceOfSatisfying(RollbackException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED));
    }

    @Test
    void aFailingQueryOnAnotherDatabaseNamesIt() {
        assertThatThrownBy(() -> client.queryFirstValue("postgres", "select * from no_such_table"))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                assertThat(e.getMessage()).isEqualTo("query on database postgres at 127.0.0.1:" + db.port()
                    + " failed: relation \"no_such_table\" does not exist");
            });
    }
}
