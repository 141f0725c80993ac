package dev.rollback.adapters.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real parser on the statements migrations hold: what each one does, where it starts, what it cannot read. */
class JSqlStatementsTest {
    private final JSqlStatements parser = new JSqlStatements();

    private SqlOperation only(String sql) {
        List<SqlStatement> statements = parser.parse(sql, 1);
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).operations()).hasSize(1);
        return statements.get(0).operations().get(0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "CREATE TABLE orders (id bigserial primary key, total numeric) | CREATE_TABLE",
        "CREATE TABLE archive AS SELECT * FROM orders | CREATE_TABLE_AS",
        "ALTER TABLE users ADD COLUMN nick text | ADD_COLUMN",
        "ALTER TABLE users DROP COLUMN nick | DROP_COLUMN",
        "ALTER TABLE users ALTER COLUMN age TYPE bigint | ALTER_COLUMN_TYPE",
        "ALTER TABLE \"report\" ALTER COLUMN \"type\" SET DATA TYPE VARCHAR(50) | ALTER_COLUMN_TYPE",
        "ALTER TABLE report ALTER parameters SET DATA TYPE JSONB USING parameters::JSONB | ALTER_COLUMN_TYPE",
        "ALTER TABLE users ALTER COLUMN age SET NOT NULL | SET_NOT_NULL",
        "ALTER TABLE users ALTER COLUMN age DROP NOT NULL | DROP_NOT_NULL",
        "ALTER TABLE users ALTER COLUMN age SET DEFAULT 0 | SET_DEFAULT",
        "ALTER TABLE users RENAME COLUMN email TO mail | RENAME_COLUMN",
        "ALTER TABLE users RENAME TO people | RENAME_TABLE",
        "ALTER TABLE users ADD CONSTRAINT u_email UNIQUE (email) | ADD_CONSTRAINT",
        "ALTER TABLE users DROP CONSTRAINT u_email | DROP_CONSTRAINT",
        "DROP TABLE IF EXISTS users CASCADE | DROP_TABLE",
        "DROP VIEW active_users | DROP_OBJECT",
        "CREATE INDEX idx_email ON users (email) | CREATE_INDEX",
        "DROP INDEX idx_email | DROP_INDEX",
        "UPDATE users SET email = lower(email) | UPDATE",
        "DELETE FROM users WHERE id > 10 | DELETE",
        "INSERT INTO roles (name) VALUES ('admin') | INSERT",
        "TRUNCATE users | TRUNCATE",
        "CREATE SEQUENCE order_no | CREATE_OBJECT",
        "CREATE EXTENSION IF NOT EXISTS pgcrypto | CREATE_OBJECT",
        "CREATE OR REPLACE VIEW v AS SELECT 1 | REPLACE_OBJECT",
        "COMMENT ON TABLE users IS 'people' | NO_CHANGE",
        "BEGIN | NO_CHANGE",
        "SET lock_timeout = '5s' | NO_CHANGE",
        "REVOKE ALL ON users FROM app | OTHER",
        "SELEKT * FROM users | UNPARSABLE",
        "ALTER INDEX idx_email RENAME TO idx_mail | UNPARSABLE"})
    void eachStatementKind(String sql, SqlKind kind) {
        assertThat(only(sql).kind()).isEqualTo(kind);
    }

    @Test
    void columnFlagsAreRead() {
        SqlOperation notNull = only("ALTER TABLE users ADD COLUMN tier int NOT NULL");
        SqlOperation withDefault = only("ALTER TABLE users ADD COLUMN tier int NOT NULL DEFAULT 0");
        SqlOperation serial = only("ALTER TABLE users ADD COLUMN seq bigserial NOT NULL");

        assertThat(notNull.table()).isEqualTo("users");
        assertThat(notNull.column()).isEqualTo("tier");
        assertThat(notNull.notNull()).isTrue();
        assertThat(notNull.hasDefault()).isFalse();
        assertThat(withDefault.hasDefault()).isTrue();
        assertThat(serial.hasDefault()).isTrue();
    }

    @Test
    void concurrentlyIsRead() {
        assertThat(only("CREATE INDEX CONCURRENTLY i ON public.users (email)").concurrently()).isTrue();
        assertThat(only("CREATE INDEX CONCURRENTLY i ON public.users (email)").table()).isEqualTo("public.users");
        assertThat(only("DROP INDEX CONCURRENTLY idx_email").detail()).isEqualTo("idx_email");
    }

    @Test
    void anAlterWithSeveralActionsGivesOneOperationEach() {
        List<SqlOperation> operations = parser.parse("ALTER TABLE users ADD COLUMN a int, DROP COLUMN b", 1).get(0)
            .operations();

        assertThat(operations).extracting(SqlOperation::kind).containsExactly(SqlKind.ADD_COLUMN, SqlKind.DROP_COLUMN);
    }

    @Test
    void statementsSplitOutsideStringsDollarQuotesAndCommentsWithTheirLines() {
        String script = """
            -- a comment; with a semicolon
            CREATE TABLE t (note text DEFAULT 'a;b');
            /* block; /* nested; */ still comment */
            CREATE FUNCTION f() RETURNS int AS $body$ select 1; $body$ LANGUAGE sql;

            INSERT INTO t (note) VALUES ('it''s; fine');
            SELECT E'a\\'; b' AS escaped;
            --rollback DROP TABLE t;
            """;

        List<SqlStatement> statements = parser.parse(script, 10);

        assertThat(statements).extracting(SqlStatement::line).containsExactly(11, 13, 15, 16);
        assertThat(statements.subList(0, 3)).allMatch(SqlStatement::parsed);
        assertThat(statements.get(3).text()).isEqualTo("SELECT E'a\\'; b' AS escaped");
        assertThat(statements.get(0).operations().get(0).kind()).isEqualTo(SqlKind.CREATE_TABLE);
        assertThat(statements.get(1).operations().get(0).kind()).isEqualTo(SqlKind.CREATE_OBJECT);
        assertThat(statements.get(2).operations().get(0).kind()).isEqualTo(SqlKind.INSERT);
    }

    @Test
    void anUnparsableStatementSaysWhereTheParserStopped() {
        SqlOperation op = only("ALTER TABLE users ADD CHECK (age > 0)");

        assertThat(op.kind()).isEqualTo(SqlKind.UNPARSABLE);
        assertThat(op.detail()).contains("CHECK").doesNotContain("\n");
    }

    @Test
    void anEmptyScriptHasNoStatements() {
        assertThat(parser.parse("-- nothing here\n/* really */\n;;\n", 1)).isEmpty();
    }
}
