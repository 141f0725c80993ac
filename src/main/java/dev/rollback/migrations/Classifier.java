package dev.rollback.migrations;

import dev.rollback.adapters.sql.SqlKind;
import dev.rollback.adapters.sql.SqlOperation;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The strategies document's "Database Rollback Considerations" (docs/runbook/strategies.md) as
 * rules: would the previous release's code still work against the database this operation leaves
 * behind? Safe: new tables, nullable columns,
 * inserts, CONCURRENTLY indexes. Dangerous: drops, type changes, renames, one-way data
 * transforms, NOT NULL without a default, a blocking index build on a large table. Anything else
 * (and anything unparsed) is for a person to review, never safe by default.
 *
 * <p>Operations on a table created earlier in the same range are safe: the old code never used it.
 * One classifier reads one range, in order.
 */
final class Classifier {
    record Judgement(Verdict verdict, String reason) {
    }

    private final IndexRule indexes;
    private final Set<String> newTables = new HashSet<>();

    Classifier(TableSizes sizes, long largeTableRows) {
        this.indexes = new IndexRule(sizes, largeTableRows);
    }

    Judgement judge(SqlOperation op) {
        if (op.table() != null && newTables.contains(normalized(op.table()))
            && op.kind() != SqlKind.CREATE_TABLE && op.kind() != SqlKind.CREATE_TABLE_AS) {
            return safe("table " + op.table() + " is created in this range; the old code does not use it");
        }
        return switch (op.kind()) {
            case CREATE_TABLE, CREATE_TABLE_AS -> created(op.table());
            case ADD_COLUMN -> addColumn(op);
            case DROP_TABLE -> dangerous("drops table " + op.table() + " and its data: only a restore brings it back");
            case DROP_COLUMN -> dangerous("drops column " + column(op) + " and its data: only a restore brings it back");
            case ALTER_COLUMN_TYPE -> dangerous("changes the type of " + column(op) + " " + op.detail()
                + ": the values were converted one way and the old code may not read them");
            case SET_NOT_NULL -> dangerous("adds NOT NULL to " + column(op)
                + " without a default: the old code's inserts that leave it out fail");
            case RENAME_TABLE, RENAME_COLUMN -> dangerous("renames " + (op.column() != null ? column(op) : op.table())
                + " " + op.detail() + ": the old code still uses the old name");
            case DROP_OBJECT -> dangerous("drops " + op.detail() + ": the old code may use it");
            case UPDATE -> dangerous("rewrites rows of " + op.table() + ": a one-way data transform");
            case DELETE -> dangerous("deletes rows of " + op.table() + ": only a restore brings them back");
            case MERGE -> dangerous("merges into " + op.table() + " (updates or deletes rows): a one-way data change");
            case TRUNCATE -> dangerous("empties " + op.table() + ": only a restore brings the rows back");
            case CREATE_INDEX -> indexes.create(op);
            default -> other(op);
        };
    }

    private Judgement other(SqlOperation op) {
        return switch (op.kind()) {
            case DROP_NOT_NULL -> safe("NOT NULL dropped from " + column(op) + ": the old code's writes still pass");
            case SET_DEFAULT -> safe("a new default for " + column(op) + ": the old code's writes still pass");
            case DROP_DEFAULT -> review("the default of " + column(op) + " dropped: old inserts that relied on it may fail");
            case RENAME_OTHER -> safe("a " + op.detail() + " on " + op.table() + ": the application does not use that name");
            case ADD_CONSTRAINT -> review("a constraint added to " + op.table() + ": the old code's writes may violate it");
            case DROP_CONSTRAINT -> safe("a constraint dropped from " + op.table() + ": the old code's writes still pass");
            case DROP_INDEX -> review("index " + op.detail() + " dropped: the old code works, but may be slow until"
                + " it is rebuilt (a blocking build on a large table)");
            case CREATE_OBJECT -> safe("a new " + op.detail() + ": the old code does not use it");
            case REPLACE_OBJECT -> review("replaces a " + op.detail() + ": the old definition is gone and the old code may need it");
            case INSERT -> safe("adds rows to " + op.table() + ": they can be deleted again");
            case SELECT -> safe("reads only");
            case NO_CHANGE -> safe(op.detail() + ": no schema or data change");
            case UNPARSABLE -> review("unknown, review by hand: the SQL parser could not read it (" + op.detail() + ")");
            default -> review((op.detail() != null ? op.detail() : "this statement")
                + ": not a statement this tool classifies, review by hand");
        };
    }

    private Judgement created(String table) {
        newTables.add(normalized(table));
        return safe("a new table " + table + ": the old code does not use it");
    }

    private static Judgement addColumn(SqlOperation op) {
        if (op.notNull() && !op.hasDefault()) {
            return dangerous("adds " + column(op) + " NOT NULL without a default: the old code's inserts that leave it out fail");
        }
        return safe(op.notNull() ? "adds " + column(op) + " NOT NULL with a default: the old code's inserts get the default"
            : "adds the nullable column " + column(op) + ": the old code ignores it");
    }

    private static String column(SqlOperation op) {
        return op.table() + "." + op.column();
    }

    /** {@code public."Users"} and {@code public.users} are different tables; {@code Users} and {@code users} are not. */
    static String normalized(String table) {
        StringBuilder name = new StringBuilder();
        for (String part : table.split("\\.")) {
            String bare = part.startsWith("\"") && part.endsWith("\"") && part.length() > 1
                ? part.substring(1, part.length() - 1) : part.toLowerCase(Locale.ROOT);
            name.append(name.length() == 0 ? "" : ".").append(bare);
        }
        String result = name.toString();
        return result.startsWith("public.") ? result.substring("public.".length()) : result;
    }

    static Judgement safe(String reason) {
        return new Judgement(Verdict.SAFE, reason);
    }

    static Judgement dangerous(String reason) {
        return new Judgement(Verdict.DANGEROUS, reason);
    }

    static Judgement review(String reason) {
        return new Judgement(Verdict.REVIEW, reason);
    }
}
