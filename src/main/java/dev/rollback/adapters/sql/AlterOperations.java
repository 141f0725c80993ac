package dev.rollback.adapters.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;

/** {@code ALTER TABLE}: one operation per action ({@code ADD COLUMN a int, DROP COLUMN b} gives two). */
final class AlterOperations {
    private AlterOperations() {
    }

    static List<SqlOperation> of(Alter alter) {
        String table = alter.getTable().getFullyQualifiedName();
        List<SqlOperation> operations = new ArrayList<>();
        for (AlterExpression action : alter.getAlterExpressions()) {
            operations.addAll(action(table, action));
        }
        return operations;
    }

    private static List<SqlOperation> action(String table, AlterExpression action) {
        return switch (action.getOperation()) {
            case ADD -> add(table, action);
            case DROP -> List.of(drop(table, action));
            case ALTER, MODIFY -> alterColumns(table, action);
            case RENAME -> List.of(SqlOperation.of(SqlKind.RENAME_COLUMN, table, action.getColOldName(),
                "to " + action.getColumnName()));
            case RENAME_TABLE -> List.of(SqlOperation.of(SqlKind.RENAME_TABLE, table, null, "to " + action.getNewTableName()));
            case RENAME_INDEX, RENAME_KEY, RENAME_CONSTRAINT -> List.of(SqlOperation.of(SqlKind.RENAME_OTHER, table, null,
                action.getOperation().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            case DROP_PRIMARY_KEY, DROP_UNIQUE, DROP_FOREIGN_KEY -> List.of(SqlOperation.of(SqlKind.DROP_CONSTRAINT, table, null));
            default -> List.of(SqlOperation.of(SqlKind.OTHER, table, null, "ALTER TABLE " + action.getOperation()));
        };
    }

    private static List<SqlOperation> add(String table, AlterExpression action) {
        if (action.getColDataTypeList() == null || action.getColDataTypeList().isEmpty()) {
            return List.of(SqlOperation.of(SqlKind.ADD_CONSTRAINT, table, null, String.valueOf(action.getIndex())));
        }
        List<SqlOperation> columns = new ArrayList<>();
        for (ColumnDefinition column : action.getColDataTypeList()) {
            List<String> specs = column.getColumnSpecs() == null ? List.of()
                : column.getColumnSpecs().stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
            boolean notNull = adjacent(specs, "NOT", "NULL") || adjacent(specs, "PRIMARY", "KEY");
            boolean hasDefault = specs.contains("DEFAULT") || column.getColDataType().getDataType()
                .toUpperCase(Locale.ROOT).endsWith("SERIAL");
            columns.add(new SqlOperation(SqlKind.ADD_COLUMN, table, column.getColumnName(), notNull, hasDefault, false,
                column.getColDataType().toString()));
        }
        return columns;
    }

    private static boolean adjacent(List<String> words, String first, String second) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals(first) && words.get(i + 1).equals(second)) {
                return true;
            }
        }
        return false;
    }

    private static SqlOperation drop(String table, AlterExpression action) {
        if (action.getColumnName() != null) {
            return SqlOperation.of(SqlKind.DROP_COLUMN, table, action.getColumnName());
        }
        return SqlOperation.of(SqlKind.DROP_CONSTRAINT, table, null, action.getConstraintName());
    }

    /** {@code ALTER COLUMN}: a type change, NOT NULL set or dropped, a default set or dropped. */
    private static List<SqlOperation> alterColumns(String table, AlterExpression action) {
        List<SqlOperation> operations = new ArrayList<>();
        if (action.getColDataTypeList() != null) {
            action.getColDataTypeList().forEach(column -> operations.add(SqlOperation.of(SqlKind.ALTER_COLUMN_TYPE,
                table, column.getColumnName(), "to " + column.getColDataType())));
        }
        if (action.getColumnSetNotNullList() != null) {
            action.getColumnSetNotNullList().forEach(c -> operations.add(SqlOperation.of(SqlKind.SET_NOT_NULL, table, c.getColumnName())));
        }
        if (action.getColumnDropNotNullList() != null) {
            action.getColumnDropNotNullList().forEach(c -> operations.add(SqlOperation.of(SqlKind.DROP_NOT_NULL, table, c.getColumnName())));
        }
        if (action.getColumnSetDefaultList() != null) {
            action.getColumnSetDefaultList().forEach(c -> operations.add(SqlOperation.of(SqlKind.SET_DEFAULT, table, c.getColumnName())));
        }
        if (action.getColumnDropDefaultList() != null) {
            action.getColumnDropDefaultList().forEach(c -> operations.add(SqlOperation.of(SqlKind.DROP_DEFAULT, table, c.getColumnName())));
        }
        if (operations.isEmpty()) {
            operations.add(SqlOperation.of(SqlKind.OTHER, table, null, "ALTER COLUMN"));
        }
        return operations;
    }
}
