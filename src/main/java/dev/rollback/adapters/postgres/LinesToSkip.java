package dev.rollback.adapters.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines of a plain dump that psql must not see, found by the scan of the dump before anything was
 * touched: pg_dump's own {@code \restrict} lines (and the closing ones) (the restore sets its own key)
 * and the database-level statements of a {@code --create}/{@code --clean} dump. They reach psql as
 * empty lines, so psql's line numbers in error messages stay the dump's own.
 *
 * <p>Ranges are 1-based, inclusive and added in increasing order.
 */
public final class LinesToSkip {
    private final List<long[]> ranges = new ArrayList<>();

    public static LinesToSkip none() {
        return new LinesToSkip();
    }

    /** Adds lines {@code first..last}; ranges come in the order of the file. */
    public void add(long first, long last) {
        if (!ranges.isEmpty() && first <= ranges.get(ranges.size() - 1)[1]) {
            throw new IllegalArgumentException("line ranges must come in order: " + first + " after "
                + ranges.get(ranges.size() - 1)[1]);
        }
        ranges.add(new long[] {first, last});
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether line {@code line} is one of them. */
    public boolean skips(long line) {
        for (long[] range : ranges) {
            if (range[0] <= line && line <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** Whether any of them lies in {@code first..last}. */
    public boolean anyWithin(long first, long last) {
        for (long[] range : ranges) {
            if (range[0] <= last && range[1] >= first) {
                return true;
            }
        }
        return false;
    }

    /** How many lines are skipped in all. */
    public long count() {
        return ranges.stream().mapToLong(range -> range[1] - range[0] + 1).sum();
    }

    /** The first skipped line at or after {@code line}, or {@code Long.MAX_VALUE}; with {@link #endOf}, a cursor. */
    long nextAtOrAfter(long line) {
        for (long[] range : ranges) {
            if (range[1] >= line) {
                return Math.max(range[0], line);
            }
        }
        return Long.MAX_VALUE;
    }

    /** The last line of the range holding {@code line}. */
    long endOf(long line) {
        for (long[] range : ranges) {
            if (range[0] <= line && line <= range[1]) {
                return range[1];
            }
        }
        throw new IllegalArgumentException("line " + line + " is not skipped");
    }

    @Override
    public String toString() {
        return ranges.stream().map(r -> r[0] == r[1] ? String.valueOf(r[0]) : r[0] + "-" + r[1]).toList().toString();
    }
}
