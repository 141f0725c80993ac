package dev.rollback.adapters.sql;

import java.util.List;

/**
 * One statement of a script: where it starts, its text (comments removed) and what it does. A
 * statement the parser cannot read has one {@link SqlKind#UNPARSABLE} operation whose detail is
 * the parser's first line.
 *
 * @param line the 1-based line of the script where the statement starts
 */
public record SqlStatement(int line, String text, List<SqlOperation> operations) {
    public SqlStatement {
        operations = List.copyOf(operations);
    }

    public boolean parsed() {
        return operations.stream().noneMatch(op -> op.kind() == SqlKind.UNPARSABLE);
    }
}
