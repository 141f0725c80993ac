package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPlainDumpInputTest {
    private static final String SQL = "--\n-- PostgreSQL database dump\n--\nCREATE TABLE t (i int);\n"
        + "COPY t (i) FROM stdin;\n1\n2\n\\.\n\n-- PostgreSQL database dump complete\n";

    private static final String KEY = "k3yFromSecureRandom0123456789";
    private static final String RESTRICT = "\\restrict " + KEY + "\n";

    @TempDir
    Path dir;

    private static PlainDumpInput input(Path dump, boolean gzip) {
        return new PlainDumpInput(dump, gzip, LinesToSkip.none(), KEY);
    }

    @Test
    void restrictsPsqlThenWrapsTheDumpInATransactionKeepingItsLineNumbersPlusOne() throws IOException {
        Path dump = Files.writeString(dir.resolve("merq.sql"), SQL);

        String streamed = readAll(input(dump, false));

        // \restrict on line 1, BEGIN on the dump's first line: psql's "psql:<stdin>:N:" is the dump's line N-1.
        assertThat(streamed).isEqualTo(RESTRICT + "BEGIN;" + SQL + "\n;\nCOMMIT;\n");
        assertThat(streamed.lines().toList().get(4)).isEqualTo(SQL.lines().toList().get(3)).startsWith("CREATE TABLE");
        assertThat(PlainDumpInput.dumpLineNumbers("psql:<stdin>:5: ERROR:  relation \"t\" already exists"))
            .isEqualTo("psql:<stdin>:4: ERROR:  relation \"t\" already exists");
    }

    @Test
    void skippedLinesReachPsqlEmptySoTheOthersKeepTheirNumbers() throws IOException {
        Path dump = Files.writeString(dir.resolve("merq.sql"), SQL.repeat(3000));
        LinesToSkip skip = new LinesToSkip();
        skip.add(2, 2);
        skip.add(4, 5);
        skip.add(3000 * 10, 3000 * 10);

        String streamed = readAll(new PlainDumpInput(dump, false, skip, KEY));

        List<String> lines = streamed.lines().toList();
        List<String> original = SQL.repeat(3000).lines().toList();
        assertThat(lines).hasSize(original.size() + 4); // the restrict line, then ";" and "COMMIT;" after an empty line
        assertThat(lines.get(1)).isEqualTo("BEGIN;--");
        assertThat(lines.get(2)).isEmpty();
        assertThat(lines.get(3)).isEqualTo("--");
        assertThat(lines.get(4)).isEmpty();
        assertThat(lines.get(5)).isEmpty();
        assertThat(lines.get(6)).isEqualTo("1");
        assertThat(lines.get(original.size())).isEmpty();
        assertThat(lines.subList(7, original.size())).isEqualTo(original.subList(6, original.size() - 1));
    }

    @Test
    void aKeyThatIsNotLettersAndDigitsIsRejected() {
        assertThatThrownBy(() -> new PlainDumpInput(dir.resolve("x.sql"), false, LinesToSkip.none(), "short"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlainDumpInput(dir.resolve("x.sql"), false, LinesToSkip.none(), "abcdefgh12345678\n\\! id"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decompressesAGzippedDumpWhileStreaming() throws IOException {
        Path dump = gzip(SQL.repeat(2000));

        assertThat(readAll(input(dump, true))).isEqualTo(RESTRICT + "BEGIN;" + SQL.repeat(2000) + "\n;\nCOMMIT;\n");
    }

    /** The guarantee: a stream that breaks never carries the COMMIT, whatever was read before the break. */
    @Test
    void aCutGzipStreamFailsBeforeTheCommit() throws IOException {
        Path whole = gzip(SQL.repeat(20000));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.sql.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        assertThatThrownBy(() -> {
            try (InputStream in = input(cut, true).open()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            }
        }).isInstanceOf(IOException.class)
            .hasMessage("the dump could not be read to its end (Unexpected end of ZLIB input stream);"
                + " nothing of it was committed");
        assertThat(received.size()).as("part of the dump went through").isPositive();
        assertThat(received.toString(StandardCharsets.UTF_8)).startsWith(RESTRICT + "BEGIN;").doesNotContain("COMMIT");
    }

    @Test
    void aFileThatIsNotGzipIsUnreadable() throws IOException {
        Path dump = Files.writeString(dir.resolve("merq.sql.gz"), SQL);

        assertThatThrownBy(() -> input(dump, true).open())
            .isInstanceOf(IOException.class)
            .hasMessageStartingWith("the dump could not be read to its end (Not in GZIP format)");
    }

    private Path gzip(String sql) throws IOException {
        Path file = dir.resolve("merq.sql.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(sql.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static String readAll(PlainDumpInput input) throws IOException {
        try (InputStream in = input.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
