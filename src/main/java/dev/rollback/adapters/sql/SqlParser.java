package dev.rollback.adapters.sql;

import java.util.List;

/**
 * Reads a SQL script (PostgreSQL dialect) into statements and what each one does. Never throws for
 * bad SQL: a statement it cannot read is returned as {@link SqlKind#UNPARSABLE}, so a caller can
 * never mistake it for a harmless one.
 */
public interface SqlParser {
    /**
     * @param script a whole migration file or changeset body; comments are ignored
     * @param firstLine the line of the file where {@code script} starts (1 for a whole file)
     */
    List<SqlStatement> parse(String script, int firstLine);
}
