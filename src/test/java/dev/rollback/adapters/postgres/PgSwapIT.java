package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Swapping a restored scratch database in place of the live one on a real PostgreSQL 15, while an
 * application session holds the live database. Each test uses its own database names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgSwapIT {
    private static final int OLD_ROWS = 3;
    private static final int NEW_ROWS = 5;

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
    void swapEndsTheLiveSessionsAndPutsTheScratchInPlace() throws SQLException {
        createWithRows("shop", OLD_ROWS);
        createWithRows("shop_scratch", NEW_ROWS);

        SwapResult result;
        try (Connection app = db.connect("shop")) {
            result = client.swap("shop", "shop_scratch", "shop_old");

            assertThatThrownBy(() -> app.createStatement().execute("select 1"))
                .as("the application's session was terminated").isInstanceOf(SQLException.class);
        }

        assertThat(result.terminatedSessions()).isEqualTo(1);
        assertThat(result.live()).isEqualTo("shop");
        assertThat(result.keptOld()).isEqualTo("shop_old");
        assertThat(result.renameWindow()).isPositive().isLessThan(Duration.ofSeconds(1));
        assertThat(result.connectionsRefused()).isGreaterThanOrEqualTo(result.renameWindow());
        assertThat(rows("shop")).isEqualTo(NEW_ROWS);
        assertThat(rows("shop_old")).isEqualTo(OLD_ROWS);
        assertThat(client.databaseExists("shop_scratch")).isFalse();
        assertThat(allowsConnections("shop")).isTrue();
        assertThat(allowsConnections("shop_old")).as("the kept copy stays usable for an undo").isTrue();
        System.out.printf("swap: rename window %.3f ms, connections refused %d ms, %d session(s) ended%n",
            result.renameWindowMillis(), result.connectionsRefused().toMillis(), result.terminatedSessions());
    }

    @Test
    void undoSwapPutsTheOriginalBack() throws SQLException {
        createWithRows("cart", OLD_ROWS);
        createWithRows("cart_scratch", NEW_ROWS);
        client.swap("cart", "cart_scratch", "cart_old");

        SwapResult undo;
        try (Connection app = db.connect("cart")) {
            undo = client.undoSwap("cart", "cart_old", "cart_failed");

            assertThat(app.isValid(2)).as("the session on the restored database was terminated").isFalse();
        }

        assertThat(undo.terminatedSessions()).isEqualTo(1);
        assertThat(rows("cart")).isEqualTo(OLD_ROWS);
        assertThat(rows("cart_failed")).isEqualTo(NEW_ROWS);
        assertThat(client.databaseExists("cart_old")).isFalse();
        assertThat(allowsConnections("cart")).isTrue();
    }

    @Test
    void anExistingKeptOldNameIsRefusedAndNothingChanges() throws SQLException {
        createWithRows("blog", OLD_ROWS);
        createWithRows("blog_scratch", NEW_ROWS);
        createWithRows("blog_old", 1);

        assertThatThrownBy(() -> client.swap("blog", "blog_scratch", "blog_old"))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("database blog_old already exists");
            });
        assertThat(rows("blog")).isEqualTo(OLD_ROWS);
        assertThat(rows("blog_scratch")).isEqualTo(NEW_ROWS);
        assertThat(allowsConnections("blog")).isTrue();
    }

    @Test
    void aMissingScratchIsRefused() throws SQLException {
        createWithRows("wiki", OLD_ROWS);

        assertThatThrownBy(() -> client.swap("wiki", "wiki_scratch", "wiki_old"))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("scratch database wiki_scratch does not exist");
            });
        assertThatThrownBy(() -> client.undoSwap("wiki", "wiki_old", "wiki_failed"))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("kept old database wiki_old does not exist");
            });
        assertThat(rows("wiki")).isEqualTo(OLD_ROWS);
    }

    /**
     * A swap that fails after live was closed to new connections (here: another transaction holds
     * the scratch's catalog row, so closing the scratch runs into the lock timeout) must leave live
     * unchanged and accepting connections again.
     */
    @Test
    void aFailedSwapLeavesLiveUnchangedAndOpen() throws SQLException {
        createWithRows("forum", OLD_ROWS);
        createWithRows("forum_scratch", NEW_ROWS);

        try (Connection dba = db.connect("postgres"); Statement sql = dba.createStatement()) {
            dba.setAutoCommit(false);
            sql.execute("alter database forum_scratch connection limit 50");
            try {
                assertThatThrownBy(() -> client.swap("forum", "forum_scratch", "forum_old"))
                    .isInstanceOfSatisfying(RollbackException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                        assertThat(e.getMessage()).isEqualTo("ALTER DATABASE \"forum_scratch\" WITH ALLOW_CONNECTIONS"
                            + " false failed: canceling statement due to lock timeout; forum accepts connections again");
                    });
            } finally {
                dba.rollback();
            }
        }
        assertThat(allowsConnections("forum")).isTrue();
        assertThat(rows("forum")).isEqualTo(OLD_ROWS);
        assertThat(client.databaseExists("forum_old")).isFalse();
    }

    @Test
    void theNamesMustDiffer() {
        assertThatThrownBy(() -> client.swap("merq", "merq", "merq_old"))
            .isInstanceOfSatisfying(RollbackException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
    }

    private void createWithRows(String database, int rows) throws SQLException {
        client.createDatabase(database);
        db.execute(database, "create table items (id int primary key)",
            "insert into items select generate_series(1, " + rows + ")");
    }

    private int rows(String database) {
        return Integer.parseInt(client.queryFirstValue(database, "select count(*) from items").orElseThrow());
    }

    private boolean allowsConnections(String database) throws SQLException {
        return Boolean.parseBoolean(db.queryValue("postgres", "select datallowconn::text from pg_database"
            + " where datname = '" + database + "'"));
    }
}
