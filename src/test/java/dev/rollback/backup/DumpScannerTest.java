package dev.rollback.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scan of a plain dump before a restore, through {@link DumpInspector#deep}: what psql would
 * run as a meta-command is refused with the file, the line and the command; what psql reads as
 * data, string or comment is not. The pg_dump outputs under {@code dumps/} were written by the real
 * pg_dump 15.18 of the fixture server (plain, --clean, --clean --if-exists, --clean --create).
 */
class DumpScannerTest {
    private static final String HEAD = "--\n-- PostgreSQL database dump\n--\n\n\\restrict abcDEF123\n\n"
        + "SET standard_conforming_strings = on;\n";
    private static final String BODY = "CREATE TABLE public.items (id integer, name text);\n"
        + "COPY public.items (id, name) FROM stdin;\n1\tone\n2\ttwo\n\\.\n\n";
    private static final String TAIL = "\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict abcDEF123\n\n";

    @TempDir
    Path dir;

    private final DumpInspector inspector = new DumpInspector(null);

    private Inspection scan(String sql) throws IOException {
        Path file = dir.resolve("merq_20261201_020000.sql");
        Files.writeString(file, sql);
        return inspector.deep(file);
    }

    private static void assertRefused(Inspection inspection, String expected) {
        assertThat(inspection.hostile()).as("refused").isTrue();
        assertThat(inspection.complete()).isFalse();
        assertThat(inspection.problem()).startsWith(expected).doesNotContain("\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\\! touch /tmp/x                          | \\!",
        "\\connect other                           | \\connect",
        "\\c other                                 | \\c",
        "\\o /tmp/x                                | \\o",
        "\\copy items from program 'touch /tmp/x'  | \\copy",
        "\\i /etc/passwd                           | \\i",
        "\\set ON_ERROR_STOP 0                     | \\set",
        "select 'drop table items' \\gexec         | \\gexec",
        "\\ir x.sql                                | \\ir",
        "\\unrestrict abcDEF123 \\! id             | \\unrestrict",
        "\\.                                       | \\.",
    })
    void aMetaCommandOutsideCopyDataIsRefusedNamingFileLineAndCommand(String line, String command) throws IOException {
        Inspection inspection = scan(line.strip() + "\n" + HEAD + BODY + TAIL);

        assertRefused(inspection, "merq_20261201_020000.sql line 1: psql meta-command " + command + " ");
        assertThat(inspection.problem()).contains("nothing was changed");
    }

    @Test
    void theIssuesAttackIsRefusedAtItsFirstLine() throws IOException {
        String attack = "\\! touch /tmp/rollback-pwned\n\\connect merq\ndelete from items;\n";

        assertRefused(scan(attack + HEAD + BODY + TAIL),
            "merq_20261201_020000.sql line 1: psql meta-command \\! is not allowed in a dump");
        assertRefused(scan("delete from items;\n\\connect merq\n" + HEAD + BODY + TAIL),
            "merq_20261201_020000.sql line 2: psql meta-command \\connect to database merq is not allowed");
    }

    @Test
    void aMetaCommandInTheMiddleOfALineRunsInPsqlTooSoItIsRefused() throws IOException {
        assertRefused(scan(HEAD + "select 1; \\! id\n" + BODY + TAIL), "merq_20261201_020000.sql line 8: psql meta-command \\!");
        assertRefused(scan(HEAD + "select 1 \\g /tmp/out\n" + BODY + TAIL), "merq_20261201_020000.sql line 8: psql meta-command \\g");
    }

    @Test
    void aMetaCommandAfterTheEndOfCopyDataIsLiveAgainAndRefused() throws IOException {
        assertRefused(scan(HEAD + BODY + "\\! id\n" + TAIL), "merq_20261201_020000.sql line 14: psql meta-command \\!");
        // \. followed by CR LF ends the data too
        String crlf = HEAD + "COPY public.items (id, name) FROM stdin;\r\n1\tone\r\n\\.\r\n\\! id\r\n" + TAIL;
        assertRefused(scan(crlf), "merq_20261201_020000.sql line 11: psql meta-command \\!");
    }

    @Test
    void backslashLinesInsideCopyDataAreDataNotCommands() throws IOException {
        String data = HEAD + "COPY public.items (id, name) FROM stdin;\n"
            + "\\!\tnot a command\n\\N\t\\\\connect other\n\\\\.\tescaped end marker\n\\.x\tnot the end\n\\.\n" + TAIL;

        Inspection inspection = scan(data);

        assertThat(inspection.hostile()).isFalse();
        assertThat(inspection.complete()).isTrue();
        assertThat(inspection.tables()).containsExactly("public.items");
    }

    @Test
    void backslashesInStringsDollarQuotesIdentifiersAndCommentsAreNotCommands() throws IOException {
        String sql = HEAD
            + "select 'a\n\\! not run: inside a string' as s;\n"
            + "CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $body$\n\\! not run: dollar quote\n$body$;\n"
            + "select 1 as \"a\n\\! not run: quoted identifier\";\n"
            + "select /* outer /* nested */\n\\! not run: block comment\n */ 1;\n"
            + "select 1; -- \\! not run: line comment\n"
            + "select E'it\\'s\n\\! not run: the quote was escaped';\n"
            + BODY + TAIL;

        Inspection inspection = scan(sql);

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.complete()).isTrue();
    }

    @Test
    void aStringThatEndsBeforeTheBackslashDoesNotHideIt() throws IOException {
        // with standard_conforming_strings on, 'a\' is a whole string: the \! after it is live in psql
        assertRefused(scan(HEAD + "select 'a\\'; \\! id\n" + BODY + TAIL), "merq_20261201_020000.sql line 8: psql meta-command \\!");
        // a $ inside an identifier opens no dollar quote
        assertRefused(scan(HEAD + "select 1 as a$b$;\n\\! id\n" + BODY + TAIL), "merq_20261201_020000.sql line 9: psql meta-command \\!");
        // "$1" is a parameter, not a dollar quote
        assertRefused(scan(HEAD + "select $1;\n\\! id\n" + BODY + TAIL), "merq_20261201_020000.sql line 9: psql meta-command \\!");
    }

    @Test
    void aDumpThatTurnsStandardConformingStringsOffIsRefused() throws IOException {
        assertRefused(scan(HEAD + "SET standard_conforming_strings = off;\n" + BODY + TAIL),
            "merq_20261201_020000.sql line 8: the dump changes standard_conforming_strings");
        assertRefused(scan(HEAD + "SELECT set_config('standard_conforming_strings', 'off', false);\n" + BODY + TAIL),
            "merq_20261201_020000.sql line 8: the dump changes standard_conforming_strings");
    }

    @Test
    void serverWideStatementsAndCopyProgramAreRefused() throws IOException {
        assertRefused(scan(HEAD + "ALTER ROLE merq SUPERUSER;\n" + BODY + TAIL),
            "merq_20261201_020000.sql line 8: ALTER ROLE changes the whole server");
        assertRefused(scan(HEAD + "COPY public.items FROM PROGRAM 'touch /tmp/x';\n" + BODY + TAIL),
            "merq_20261201_020000.sql line 8: COPY ... PROGRAM runs a command on the database server");
    }

    @Test
    void aMetaCommandInAGzippedDumpIsRefusedToo() throws IOException {
        Path file = dir.resolve("merq_20261201_020000.sql.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((HEAD + BODY + "\\o /tmp/x\n" + TAIL).getBytes(StandardCharsets.UTF_8));
        }

        assertRefused(inspector.deep(file), "merq_20261201_020000.sql.gz line 14: psql meta-command \\o");
        assertRefused(inspector.quick(file), "merq_20261201_020000.sql.gz line 14: psql meta-command \\o");
    }

    @Test
    void pgDumpsOwnRestrictLinesAreAcceptedAndKeptFromPsql() throws IOException {
        Inspection inspection = scan(resource("plain.sql"));

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.complete()).isTrue();
        assertThat(inspection.tables()).containsExactly("public.items");
        assertThat(inspection.linesToSkip()).hasToString("[5, 120]");
        assertThat(inspection.database()).isNull();
        assertThat(inspection.clean()).isFalse();
    }

    @Test
    void aCleanCreateDumpSkipsItsDatabaseStatementsAndItsConnect() throws IOException {
        Inspection inspection = scan(resource("clean-create.sql"));

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.complete()).isTrue();
        assertThat(inspection.database()).isEqualTo("merq");
        assertThat(inspection.clean()).as("it drops the database first").isTrue();
        // restrict, DROP DATABASE, CREATE DATABASE, ALTER DATABASE, unrestrict, connect, restrict,
        // COMMENT ON DATABASE, and the closing unrestrict
        assertThat(inspection.linesToSkip()).hasToString("[5, 21, 26, 29, 31, 32, 33, 50, 152]");
    }

    @Test
    void aCleanDumpSkipsTheDropsItWritesBeforeCreatingAnything() throws IOException {
        Inspection plain = scan(resource("clean.sql"));
        assertThat(plain.problem()).isNull();
        assertThat(plain.clean()).isTrue();
        assertThat(plain.linesToSkip()).hasToString("[5, 21, 22, 23, 123]");

        Inspection ifExists = scan(resource("clean-if-exists.sql"));
        assertThat(ifExists.problem()).isNull();
        assertThat(ifExists.clean()).isTrue();
        assertThat(ifExists.linesToSkip()).hasToString("[5, 21, 22, 23, 123]");
    }

    @Test
    void aConnectToAnotherDatabaseThanTheOneTheDumpCreatesIsRefused() throws IOException {
        String sql = resource("clean-create.sql").replace("\\connect merq", "\\connect postgres");

        assertRefused(scan(sql), "merq_20261201_020000.sql line 32: psql meta-command \\connect to database postgres");
    }

    @Test
    void aDatabaseStatementSharingALineWithAnotherIsRefusedRatherThanHalfSkipped() throws IOException {
        assertRefused(scan(HEAD + "select 1; DROP DATABASE merq;\n" + BODY + TAIL),
            "merq_20261201_020000.sql line 8: a statement that cannot run on a scratch copy (DROP DATABASE)");
        assertRefused(scan(HEAD + "ALTER DATABASE merq OWNER TO x; select 1;\n" + BODY + TAIL),
            "merq_20261201_020000.sql line 8: a statement shares a line");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DumpScannerTest.class.getResourceAsStream("/dumps/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
