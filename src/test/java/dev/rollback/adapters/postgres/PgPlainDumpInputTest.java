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
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPlainDumpInputTest {
    private static final String SQL = "--\n-- PostgreSQL database dump\n--\nCREATE TABLE t (i int);\n"
        + "COPY t (i) FROM stdin;\n1\n2\n\\.\n\n-- PostgreSQL database dump complete\n";

    @TempDir
    Path dir;

    @Test
    void wrapsTheDumpInATransactionKeepingItsLineNumbers() throws IOException {
        Path dump = Files.writeString(dir.resolve("merq.sql"), SQL);

        String streamed = readAll(new PlainDumpInput(dump, false));

        // BEGIN on the dump's first line: psql's "psql:<stdin>:N:" stays the dump's line N.
        assertThat(streamed).isEqualTo("BEGIN;" + SQL + "\n;\nCOMMIT;\n");
        assertThat(streamed.lines().toList().get(3)).isEqualTo(SQL.lines().toList().get(3)).startsWith("CREATE TABLE");
    }

    @Test
    void decompressesAGzippedDumpWhileStreaming() throws IOException {
        Path dump = gzip(SQL.repeat(2000));

        assertThat(readAll(new PlainDumpInput(dump, true))).isEqualTo("BEGIN;" + SQL.repeat(2000) + "\n;\nCOMMIT;\n");
    }

    /** The guarantee: a stream that breaks never carries the COMMIT, whatever was read before the break. */
    @Test
    void aCutGzipStreamFailsBeforeTheCommit() throws IOException {
        Path whole = gzip(SQL.repeat(20000));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.sql.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        assertThatThrownBy(() -> {
            try (InputStream in = new PlainDumpInput(cut, true).open()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            }
        }).isInstanceOf(IOException.class)
            .hasMessage("the dump could not be read to its end (Unexpected end of ZLIB input stream);"
                + " nothing of it was committed");
        assertThat(received.size()).as("part of the dump went through").isPositive();
        assertThat(received.toString(StandardCharsets.UTF_8)).startsWith("BEGIN;").doesNotContain("COMMIT");
    }

    @Test
    void aFileThatIsNotGzipIsUnreadable() throws IOException {
        Path dump = Files.writeString(dir.resolve("merq.sql.gz"), SQL);

        assertThatThrownBy(() -> new PlainDumpInput(dump, true).open())
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
