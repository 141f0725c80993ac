package dev.rollback.adapters.sql;

/**
 * One operation of a statement, without any parser types.
 *
 * @param table        the table acted on as written ({@code public.users}), or null
 * @param column       the column acted on, or null
 * @param notNull      for ADD_COLUMN: declared NOT NULL
 * @param hasDefault   for ADD_COLUMN: declares a DEFAULT
 * @param concurrently for CREATE_INDEX / DROP_INDEX: CONCURRENTLY
 * @param detail       what else a reader needs (the object kind, the new name, the parser's message)
 */
public record SqlOperation(SqlKind kind, String table, String column, boolean notNull, boolean hasDefault,
                           boolean concurrently, String detail) {

    public static SqlOperation of(SqlKind kind, String table, String column) {
        return new SqlOperation(kind, table, column, false, false, false, null);
    }

    public static SqlOperation of(SqlKind kind, String table, String column, String detail) {
        return new SqlOperation(kind, table, column, false, false, false, detail);
    }
}
