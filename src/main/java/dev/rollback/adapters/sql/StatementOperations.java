package dev.rollback.adapters.sql;

import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.CreateFunctionalStatement;
import net.sf.jsqlparser.statement.ResetStatement;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.extension.CreateExtension;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.type.CreateType;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/** Translates a JSqlParser statement into operations; JSqlParser's types stop here. */
final class StatementOperations {
    private StatementOperations() {
    }

    static List<SqlOperation> of(Statement statement, String text) {
        if (statement instanceof Alter alter) {
            return AlterOperations.of(alter);
        }
        if (statement instanceof CreateTable table) {
            return List.of(SqlOperation.of(table.getSelect() != null ? SqlKind.CREATE_TABLE_AS : SqlKind.CREATE_TABLE,
                name(table.getTable()), null));
        }
        if (statement instanceof CreateIndex index) {
            return List.of(new SqlOperation(SqlKind.CREATE_INDEX, name(index.getTable()), null, false, false,
                index.isConcurrently(), index.getIndex().getName()));
        }
        if (statement instanceof Drop drop) {
            return List.of(drop(drop));
        }
        if (statement instanceof UnsupportedStatement) {
            return List.of(SqlOperation.of(SqlKind.UNPARSABLE, null, null, "a statement the SQL parser does not support"));
        }
        return List.of(simple(statement, text));
    }

    /** Statements that are one operation on at most one table. */
    private static SqlOperation simple(Statement statement, String text) {
        if (statement instanceof Insert insert) {
            return SqlOperation.of(SqlKind.INSERT, name(insert.getTable()), null);
        }
        if (statement instanceof Update update) {
            return SqlOperation.of(SqlKind.UPDATE, name(update.getTable()), null);
        }
        if (statement instanceof Delete delete) {
            return SqlOperation.of(SqlKind.DELETE, name(delete.getTable()), null);
        }
        if (statement instanceof Merge merge) {
            return SqlOperation.of(SqlKind.MERGE, name(merge.getTable()), null);
        }
        if (statement instanceof Truncate truncate) {
            return SqlOperation.of(SqlKind.TRUNCATE, name(truncate.getTable()), null);
        }
        if (statement instanceof Select) {
            return SqlOperation.of(SqlKind.SELECT, null, null);
        }
        if (statement instanceof CreateView view) {
            return SqlOperation.of(view.isOrReplace() ? SqlKind.REPLACE_OBJECT : SqlKind.CREATE_OBJECT, null, null,
                "view " + name(view.getView()));
        }
        if (statement instanceof CreateFunctionalStatement function) {
            boolean replaces = Words.startWith(text, "CREATE", "OR", "REPLACE")
                || function.getOperation() != CreateFunctionalStatement.Operation.CREATE;
            return SqlOperation.of(replaces ? SqlKind.REPLACE_OBJECT : SqlKind.CREATE_OBJECT, null, null,
                function.getKind().toLowerCase(Locale.ROOT));
        }
        if (statement instanceof CreateSequence || statement instanceof CreateSchema || statement instanceof CreateType
            || statement instanceof CreateExtension) {
            return SqlOperation.of(SqlKind.CREATE_OBJECT, null, null, kindWord(statement));
        }
        if (statement instanceof Comment || statement instanceof Grant || statement instanceof Commit
            || statement instanceof RollbackStatement || statement instanceof SetStatement
            || statement instanceof ResetStatement) {
            return SqlOperation.of(SqlKind.NO_CHANGE, null, null, kindWord(statement));
        }
        return SqlOperation.of(SqlKind.OTHER, null, null, kindWord(statement));
    }

    private static SqlOperation drop(Drop drop) {
        String type = drop.getType().toUpperCase(Locale.ROOT);
        if (type.equals("TABLE")) {
            return SqlOperation.of(SqlKind.DROP_TABLE, name(drop.getName()), null);
        }
        if (type.equals("INDEX")) {
            // JSqlParser 5.4 reads "DROP INDEX CONCURRENTLY idx" with CONCURRENTLY as the name.
            boolean concurrently = "CONCURRENTLY".equalsIgnoreCase(name(drop.getName()));
            String index = concurrently && drop.getParameters() != null && !drop.getParameters().isEmpty()
                ? drop.getParameters().get(0) : name(drop.getName());
            return new SqlOperation(SqlKind.DROP_INDEX, null, null, false, false, concurrently, index);
        }
        return SqlOperation.of(SqlKind.DROP_OBJECT, null, null, type.toLowerCase(Locale.ROOT) + " " + name(drop.getName()));
    }

    private static String name(Table table) {
        return table == null ? null : table.getFullyQualifiedName();
    }

    /** "CreateSequence" → "create sequence": what the report calls an unclassified statement. */
    private static String kindWord(Statement statement) {
        return statement.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
