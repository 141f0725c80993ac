package dev.rollback.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.adapters.postgres.RowCount;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RowCheckTest {
    private static final Duration BOUND = Duration.ofMillis(500);
    private static final Duration BUDGET = Duration.ofSeconds(4);

    /**
     * A database whose counts take time on a fake clock, like a real server under
     * {@code statement_timeout}: a count longer than its bound is cancelled at the bound and the
     * planner's estimate (if any) answers instead.
     */
    private static final class FakeDatabases implements RowCounter {
        record Table(long rows, Duration countTakes, Long estimate) {
        }

        final Map<String, Table> tables = new HashMap<>();
        final List<Duration> boundsAsked = new ArrayList<>();
        long now;

        FakeDatabases table(String database, String table, long rows, Duration countTakes, Long estimate) {
            tables.put(database + "/" + table, new Table(rows, countTakes, estimate));
            return this;
        }

        @Override
        public RowCount count(String database, String table, Duration bound) {
            boundsAsked.add(bound);
            Table t = tables.get(database + "/" + table);
            if (!bound.isZero() && t.countTakes().compareTo(bound) <= 0) {
                now += t.countTakes().toNanos();
                return RowCount.exact(t.rows());
            }
            now += bound.toNanos();
            return t.estimate() != null ? RowCount.estimated(t.estimate()) : RowCount.notCounted();
        }

        RowCheck check() {
            return new RowCheck(this, BOUND, BUDGET, () -> now);
        }
    }

    @Test
    void smallTablesAreCountedExactlyOnBothSides() {
        FakeDatabases db = new FakeDatabases()
            .table("merq", "public.users", 600, Duration.ofMillis(2), 500L)
            .table("scratch", "public.users", 500, Duration.ofMillis(2), null);

        List<RowCheck.TableRows> rows = db.check().rows("scratch", List.of("public.users"), "merq", List.of("public.users"));

        assertThat(rows).containsExactly(new RowCheck.TableRows("public.users", RowCount.exact(600), RowCount.exact(500)));
        assertThat(RowCheck.toReport(rows)).isEqualTo(Map.of("public.users", Map.of(
            "before", Map.of("rows", 600L, "count", "exact"), "after", Map.of("rows", 500L, "count", "exact"))));
    }

    @Test
    void aTableTooBigToCountWithinTheBoundShowsTheEstimateOrNotCountedAndCostsOneBound() {
        FakeDatabases db = new FakeDatabases()
            .table("merq", "public.events", 5_000_000, Duration.ofSeconds(40), null)
            .table("scratch", "public.events", 5_000_000, Duration.ofSeconds(40), 4_998_211L);

        List<RowCheck.TableRows> rows = db.check().rows("scratch", List.of("public.events"), "merq", List.of("public.events"));

        assertThat(rows.get(0).after()).isEqualTo(RowCount.estimated(4_998_211));
        assertThat(rows.get(0).before()).isEqualTo(RowCount.notCounted());
        assertThat(RowCheck.toReport(rows).get("public.events")).isEqualTo(Map.of(
            "before", Map.of("count", "not counted"), "after", Map.of("rows", 4_998_211L, "count", "estimated")));
        assertThat(Duration.ofNanos(db.now)).isEqualTo(BOUND.multipliedBy(2));
        assertThatCode(() -> RowCheck.requireNotEmpty(List.of("public.events"), List.of("public.events"), rows))
            .doesNotThrowAnyException();
    }

    @Test
    void manyBigTablesCostTheBudgetAndNoMoreTheRestAreEstimatedWithoutCounting() {
        FakeDatabases db = new FakeDatabases();
        List<String> tables = IntStream.range(0, 30).mapToObj(i -> "public.t" + (100 + i)).toList();
        for (String table : tables) {
            db.table("merq", table, 9_000_000, Duration.ofMinutes(1), 9_000_000L)
                .table("scratch", table, 9_000_000, Duration.ofMinutes(1), 8_900_000L);
        }

        List<RowCheck.TableRows> rows = db.check().rows("scratch", tables, "merq", tables);

        assertThat(rows).hasSize(RowCheck.SHOWN_TABLES).allMatch(row -> row.after().equals(RowCount.estimated(8_900_000)));
        assertThat(Duration.ofNanos(db.now)).isEqualTo(BUDGET);
        assertThat(db.boundsAsked).hasSize(2 * RowCheck.SHOWN_TABLES)
            .allMatch(bound -> bound.compareTo(BOUND) <= 0)
            .endsWith(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void anInPlaceRestoreHasNoBeforeAndIsNeverCalledEmptyForIt() {
        FakeDatabases db = new FakeDatabases().table("merq", "public.users", 0, Duration.ofMillis(1), null);

        List<RowCheck.TableRows> rows = db.check().rows("merq", List.of("public.users"), null, List.of());

        assertThat(rows).containsExactly(new RowCheck.TableRows("public.users", null, RowCount.exact(0)));
        assertThat(RowCheck.toReport(rows).get("public.users")).doesNotContainKey("before");
        assertThatCode(() -> RowCheck.requireNotEmpty(List.of("public.users"), List.of(), rows)).doesNotThrowAnyException();
    }

    @Test
    void aRestoredCopyWithNoRowsWhereLiveHasRowsIsRefused() {
        List<RowCheck.TableRows> rows = List.of(
            new RowCheck.TableRows("public.items", RowCount.estimated(5_000_000), RowCount.exact(0)),
            new RowCheck.TableRows("public.users", RowCount.exact(600), RowCount.estimated(0)));

        assertThatThrownBy(() -> RowCheck.requireNotEmpty(List.of("public.items", "public.users"),
            List.of("public.items", "public.users"), rows))
            .isInstanceOfSatisfying(RollbackException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED))
            .hasMessage("the restored copy is empty: its 2 tables hold no rows, while the live database's hold rows"
                + " (public.items: ~5000000 (estimated), public.users: 600 (exact)); the dump holds no data, so it is"
                + " not swapped in");
    }

    @Test
    void aRestoredCopyWithoutTablesWhereLiveHasTablesIsRefused() {
        assertThatThrownBy(() -> RowCheck.requireNotEmpty(List.of(), List.of("public.users"), List.of()))
            .isInstanceOf(RollbackException.class)
            .hasMessageStartingWith("the restored copy has no tables, the live database has 1;");
    }

    @Test
    void emptyOnBothSidesOrOneRestoredTableWithRowsOrUnknownIsAcceptedAsARealRestore() {
        assertThatCode(() -> RowCheck.requireNotEmpty(List.of("public.a"), List.of("public.a"),
            List.of(new RowCheck.TableRows("public.a", RowCount.exact(0), RowCount.exact(0))))).doesNotThrowAnyException();
        assertThatCode(() -> RowCheck.requireNotEmpty(List.of("public.a", "public.b"), List.of("public.a", "public.b"),
            List.of(new RowCheck.TableRows("public.a", RowCount.exact(9), RowCount.exact(0)),
                new RowCheck.TableRows("public.b", RowCount.exact(0), RowCount.exact(3))))).doesNotThrowAnyException();
        assertThatCode(() -> RowCheck.requireNotEmpty(List.of("public.a"), List.of("public.a"),
            List.of(new RowCheck.TableRows("public.a", RowCount.exact(9), RowCount.notCounted())))).doesNotThrowAnyException();
        assertThatCode(() -> RowCheck.requireNotEmpty(List.of(), List.of(), List.of())).doesNotThrowAnyException();
    }

    @Test
    void theTestSeamLowersTheCountBoundAndIsUnsetOtherwise() {
        assertThat(RowCheck.countBound()).isEqualTo(RowCheck.COUNT_BOUND);
        System.setProperty(RowCheck.COUNT_BOUND_PROPERTY, "3");
        try {
            assertThat(RowCheck.countBound()).isEqualTo(Duration.ofMillis(3));
        } finally {
            System.clearProperty(RowCheck.COUNT_BOUND_PROPERTY);
        }
    }
}
