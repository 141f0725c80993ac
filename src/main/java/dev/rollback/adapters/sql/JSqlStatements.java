package dev.rollback.adapters.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;

/**
 * {@link SqlParser} on JSqlParser 5: the script is split into statements by {@link ScriptSplitter},
 * each parsed on its own so one statement the parser cannot read is reported as such while the
 * rest are still classified.
 */
public final class JSqlStatements implements SqlParser {
    private static final int MAX_SHOWN = 200;
    /**
     * PostgreSQL's long form {@code ALTER [COLUMN] c SET DATA TYPE t}, how Prisma writes every type
     * change; JSqlParser 5 reads only the short {@code ALTER COLUMN c TYPE t}, which means the same.
     */
    private static final Pattern SET_DATA_TYPE = Pattern.compile(
        "(\\bALTER\\s+(?:COLUMN\\s+)?(?:\"[^\"]+\"|[\\w$]+)\\s+)SET\\s+DATA\\s+TYPE\\b",
        Pattern.CASE_INSENSITIVE);

    @Override
    public List<SqlStatement> parse(String script, int firstLine) {
        List<SqlStatement> statements = new ArrayList<>();
        for (ScriptSplitter.Chunk chunk : ScriptSplitter.split(script, firstLine)) {
            statements.add(new SqlStatement(chunk.line(), shown(chunk.text()), operations(chunk.text())));
        }
        return statements;
    }

    private static List<SqlOperation> operations(String text) {
        try {
            Statement statement = CCJSqlParserUtil.parse(SET_DATA_TYPE.matcher(text).replaceAll("$1TYPE"));
            return StatementOperations.of(statement, text);
        } catch (JSQLParserException | RuntimeException e) {
            Optional<SqlOperation> session = SessionStatements.recognise(text);
            return List.of(session.orElseGet(() -> SqlOperation.of(SqlKind.UNPARSABLE, null, null, reason(e))));
        }
    }

    /** The parser's own first line ("Encountered: <K_CHECK> / "CHECK", at line 1, column 23"), not the statement again. */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String first = message.lines().findFirst().orElse("").strip();
        return first.length() > MAX_SHOWN ? first.substring(0, MAX_SHOWN) + "…" : first;
    }

    /** The statement on one line, shortened for reports. */
    private static String shown(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > MAX_SHOWN ? oneLine.substring(0, MAX_SHOWN) + "…" : oneLine;
    }
}
