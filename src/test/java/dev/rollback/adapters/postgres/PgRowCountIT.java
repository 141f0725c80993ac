package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.process.ProcessRunner;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bounded row counts on a real PostgreSQL 15: a count that would take longer than its bound is
 * cancelled by the server and gives way to the planner's estimate, or to "not counted" when the
 * table was never analysed; it never throws.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgRowCountIT {
    private static final long BIG = 2_000_000;
    private FixturePostgres db;
    private PgClient client;

    @BeforeAll
    void startDatabase() throws SQLException {
        db = FixturePostgres.start();
        client = new PgClient(db.target(ToolsMode.AUTO), new ProcessRunner());
        db.execute("merq", "create table big (id bigint, note text)",
            "insert into big select g, 'row ' || g from generate_series(1, " + BIG + ") g",
            "create table \"Mixed Case\" (id int)", "insert into \"Mixed Case\" values (1), (2), (3)",
            "create table nothing (id int)");
    }

    @AfterAll
    void removeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aSmallTableIsCountedExactlyEvenWithAQuotedName() {
        assertThat(client.countRows("merq", "public.Mixed Case", Duration.ofSeconds(5))).isEqualTo(RowCount.exact(3));
        assertThat(client.countRows("merq", "public.nothing", Duration.ofSeconds(5))).isEqualTo(RowCount.exact(0));
        assertThat(client.countRows("merq", "public.no_such_table", Duration.ofSeconds(5))).isEqualTo(RowCount.notCounted());
    }

    @Test
    void aCountOverItsBoundIsCancelledAndTheTableIsEstimatedAfterAnalyseNotCountedBefore() throws SQLException {
        db.execute("merq", "create table big_copy as select * from big");

        long started = System.nanoTime();
        RowCount unanalysed = client.countRows("merq", "public.big_copy", Duration.ofMillis(2));
        long countMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(unanalysed).isEqualTo(RowCount.notCounted());
        assertThat(countMillis).as("a cancelled count costs its bound, not a scan").isLessThan(2_000);

        assertThat(client.analyze("merq", List.of("public.big_copy", "public.no_such_table"), Duration.ofSeconds(30)))
            .isEqualTo(1);
        RowCount estimated = client.countRows("merq", "public.big_copy", Duration.ofMillis(2));

        assertThat(estimated.kind()).isEqualTo(RowCount.Kind.ESTIMATED);
        assertThat(estimated.rows()).isBetween(BIG * 9 / 10, BIG * 11 / 10);
        assertThat(client.countRows("merq", "public.big_copy", Duration.ofSeconds(60))).isEqualTo(RowCount.exact(BIG));
    }

    @Test
    void analyseStopsWhenItsBoundIsSpentWithoutFailing() {
        assertThat(client.analyze("merq", List.of("public.big", "public.nothing"), Duration.ofMillis(1))).isLessThan(2);
        assertThat(client.analyze("merq", List.of("public.big"), Duration.ZERO)).isZero();
    }

    @Test
    void aZeroBoundDoesNotCountAtAll() throws SQLException {
        db.execute("merq", "analyze nothing");
        assertThat(client.countRows("merq", "public.nothing", Duration.ZERO)).isEqualTo(RowCount.estimated(0));
    }
}
