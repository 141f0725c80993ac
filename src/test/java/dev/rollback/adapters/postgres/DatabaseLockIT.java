package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.core.ExitCode;
import dev.rollback.core.Identity;
import dev.rollback.core.RollbackException;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The database lock on a real PostgreSQL 15: it excludes a second holder of the same database (this
 * JVM's second session stands in for another machine), names the holder, survives what a restore
 * does to the database it locks (the swap ends every session on live and scratch, DROP ... WITH
 * (FORCE) ends those on the dropped one), and is gone when released.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseLockIT {
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
    void aSecondRunIsRefusedWhileTheLockSurvivesTheSwapAndTheDropOfTheRunItGuards() throws SQLException {
        db.execute("postgres", "create database merq_scratch");
        try (DatabaseLock lock = client.lockDatabase("db-restore")) {
            assertThat(heldLocks()).isEqualTo("1");
            RollbackException refused = catchThrowableOfType(() -> client.lockDatabase("db-restore"), RollbackException.class);
            assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED);
            assertThat(refused.getMessage()).startsWith("database merq at 127.0.0.1:" + db.port()
                    + " is being restored by another rollback run (\"rollback db-restore pid " + Identity.pid() + " ")
                .contains(" from ").contains("connected since ").doesNotContain("\n").doesNotContain(db.password);

            client.swap("merq", "merq_scratch", "merq_old");
            client.dropDatabase("merq_old");

            assertThat(heldLocks()).as("still held after the swap and the forced drop").isEqualTo("1");
            assertThat(catchThrowableOfType(() -> client.lockDatabase("db-restore"), RollbackException.class))
                .hasMessageContaining("is being restored by another rollback run");
        }
        assertThat(heldLocks()).as("released").isEqualTo("0");
        client.lockDatabase("db-restore").close();
    }

    @Test
    void anotherDatabaseOfTheSameServerHasItsOwnLock() {
        PgTarget other = new PgTarget("127.0.0.1", db.port(), "shop", FixturePostgres.USER, db.password, null, 5432,
            ToolsMode.AUTO);
        try (DatabaseLock merq = client.lockDatabase("db-restore");
             DatabaseLock shop = new PgClient(other, new ProcessRunner()).lockDatabase("db-restore")) {
            assertThat(DatabaseLock.keyOf("merq")).isNotEqualTo(DatabaseLock.keyOf("shop")).isPositive();
        }
    }

    private String heldLocks() throws SQLException {
        return db.queryValue("postgres", "select count(*) from pg_locks where locktype = 'advisory' and granted"
            + " and classid::bigint = " + DatabaseLock.NAMESPACE + " and objid::bigint = " + DatabaseLock.keyOf("merq"));
    }
}
