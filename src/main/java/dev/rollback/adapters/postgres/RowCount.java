package dev.rollback.adapters.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many rows a table holds, and how sure that number is: counted ({@code exact}), the planner's
 * estimate ({@code estimated}, {@code pg_class.reltuples}), or nothing known ({@code not counted}).
 * A count that would take longer than its bound gives way to the estimate rather than fail.
 */
public record RowCount(Kind kind, long rows) {
    public enum Kind {
        EXACT("exact"), ESTIMATED("estimated"), NOT_COUNTED("not counted");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public static RowCount exact(long rows) {
        return new RowCount(Kind.EXACT, rows);
    }

    public static RowCount estimated(long rows) {
        return new RowCount(Kind.ESTIMATED, rows);
    }

    public static RowCount notCounted() {
        return new RowCount(Kind.NOT_COUNTED, 0);
    }

    public boolean known() {
        return kind != Kind.NOT_COUNTED;
    }

    /** Known to hold no rows: an exact zero, or an estimate of zero from a table the planner measured. */
    public boolean empty() {
        return known() && rows == 0;
    }

    /** Known to hold rows. */
    public boolean hasRows() {
        return known() && rows > 0;
    }

    /** For the report: {@code {"rows": 500, "count": "exact"}}, or {@code {"count": "not counted"}}. */
    public Map<String, Object> toReport() {
        Map<String, Object> report = new LinkedHashMap<>();
        if (known()) {
            report.put("rows", rows);
        }
        report.put("count", kind.word());
        return report;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EXACT -> rows + " (exact)";
            case ESTIMATED -> "~" + rows + " (estimated)";
            case NOT_COUNTED -> "not counted";
        };
    }
}
