package dev.rollback.restore;

import dev.rollback.adapters.postgres.RowCount;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Rows before (live) and after (restored) for the first tables, at a cost of seconds whatever
 * their size, and the check they exist for: a restore that came out empty is never swapped in.
 *
 * <p>Each table is counted exactly under a short server-side bound ({@link #COUNT_BOUND}); a count
 * that would take longer is cancelled and the table shows the planner's estimate (fresh on the
 * restored copy, which is analysed first), or "not counted" when there is none. All counts of one
 * run share a budget ({@link #COUNTING_BUDGET}); once it is spent, the remaining tables show
 * estimates only. So a table of any size costs at most one bound and never fails a correct restore.
 */
final class RowCheck {
    /** The first tables (sorted by name) whose rows are shown and checked, as before this class. */
    static final int SHOWN_TABLES = 20;
    /** One exact count: about 5-10 million rows of a warm narrow table; a bigger one is estimated. */
    static final Duration COUNT_BOUND = Duration.ofMillis(500);
    /** All counts of one check together, live and restored. */
    static final Duration COUNTING_BUDGET = Duration.ofSeconds(4);
    /**
     * A test seam: {@code -Drollback.verify.countBoundMs=N} lowers {@link #COUNT_BOUND}, so a test
     * can make a real count run out without a table of a billion rows. Unset in every normal run.
     */
    static final String COUNT_BOUND_PROPERTY = "rollback.verify.countBoundMs";

    /** One table's rows: {@code before} is null when the live database has no such table (or is gone, --in-place). */
    record TableRows(String table, RowCount before, RowCount after) {
    }

    private final RowCounter counter;
    private final Duration countBound;
    private final LongSupplier nanoTime;
    private final long budgetEnd;

    RowCheck(RowCounter counter, Duration countBound, Duration budget, LongSupplier nanoTime) {
        this.counter = counter;
        this.countBound = countBound;
        this.nanoTime = nanoTime;
        this.budgetEnd = nanoTime.getAsLong() + budget.toNanos();
    }

    /** The check a restore runs: the real bounds (the seam's, in a test). */
    static RowCheck standard(RowCounter counter) {
        return new RowCheck(counter, countBound(), COUNTING_BUDGET, System::nanoTime);
    }

    static Duration countBound() {
        String seam = System.getProperty(COUNT_BOUND_PROPERTY);
        return seam != null ? Duration.ofMillis(Long.parseLong(seam.strip())) : COUNT_BOUND;
    }

    /** The tables this check looks at: the first {@link #SHOWN_TABLES} of the restored copy. */
    static List<String> shown(List<String> restoredTables) {
        return restoredTables.subList(0, Math.min(SHOWN_TABLES, restoredTables.size()));
    }

    /**
     * Rows of each shown table on the restored copy, and on the live database when it has the table.
     *
     * @param live null when there is no live database to compare with (--in-place)
     */
    List<TableRows> rows(String restored, List<String> restoredTables, String live, List<String> liveTables) {
        List<TableRows> rows = new ArrayList<>();
        for (String table : shown(restoredTables)) {
            RowCount before = live != null && liveTables.contains(table) ? count(live, table) : null;
            rows.add(new TableRows(table, before, count(restored, table)));
        }
        return rows;
    }

    private RowCount count(String database, String table) {
        long left = budgetEnd - nanoTime.getAsLong();
        Duration bound = left <= 0 ? Duration.ZERO : countBound.compareTo(Duration.ofNanos(left)) < 0
            ? countBound : Duration.ofNanos(left);
        return counter.count(database, table, bound);
    }

    /**
     * Refuses a restore that came out empty while the live database was not: no tables at all where
     * live has some, or every shown table known to hold no rows where live's hold some. A dump whose
     * tables are all empty (schema only, or a backup script that lost its data) would otherwise
     * replace a working database with an empty one, with every other check passing.
     */
    static void requireNotEmpty(List<String> restoredTables, List<String> liveTables, List<TableRows> rows) {
        if (restoredTables.isEmpty() && !liveTables.isEmpty()) {
            throw RollbackException.failed("the restored copy has no tables, the live database has "
                + liveTables.size() + "; the dump holds no schema or data, so it is not swapped in");
        }
        boolean restoredEmpty = !rows.isEmpty() && rows.stream().allMatch(row -> row.after().empty());
        List<TableRows> liveWithRows = rows.stream().filter(row -> row.before() != null && row.before().hasRows()).toList();
        if (restoredEmpty && !liveWithRows.isEmpty()) {
            throw RollbackException.failed("the restored copy is empty: its " + rows.size() + " tables hold no rows, while"
                + " the live database's hold rows (" + liveWithRows.stream().limit(3)
                .map(row -> row.table() + ": " + row.before()).collect(Collectors.joining(", "))
                + "); the dump holds no data, so it is not swapped in");
        }
    }

    /** {@code {"public.users": {"before": {"rows": 600, "count": "exact"}, "after": {...}}}}. */
    static Map<String, Map<String, Object>> toReport(List<TableRows> rows) {
        Map<String, Map<String, Object>> report = new LinkedHashMap<>();
        for (TableRows row : rows) {
            Map<String, Object> table = new LinkedHashMap<>();
            if (row.before() != null) {
                table.put("before", row.before().toReport());
            }
            table.put("after", row.after().toReport());
            report.put(row.table(), table);
        }
        return report;
    }
}
