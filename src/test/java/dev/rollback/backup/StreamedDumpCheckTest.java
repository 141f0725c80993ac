package dev.rollback.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.adapters.postgres.DumpRejected;
import dev.rollback.adapters.postgres.PlainDumpFilter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check of a plain dump on its way into a scratch database: psql gets exactly what the
 * read-through before the restore would have given it (skipped lines emptied), and a bad dump stops
 * the stream before psql receives the bad line or the end that would commit.
 */
class StreamedDumpCheckTest {
    private static final String HEAD = "--\n-- PostgreSQL database dump\n--\n\nSET standard_conforming_strings = on;\n"
        + "CREATE TABLE public.items (id integer, name text);\nCOPY public.items (id, name) FROM stdin;\n";
    private static final String TAIL = "\\.\n\n--\n-- PostgreSQL database dump complete\n--\n\n";

    @TempDir
    Path dir;

    private final DumpInspector inspector = new DumpInspector(null);

    /** A dump of {@code rows} COPY rows: several of the check's chunks for a few thousand. */
    private static String dump(int rows, String afterData) {
        StringBuilder sql = new StringBuilder(HEAD);
        for (int i = 1; i <= rows; i++) {
            sql.append(i).append("\tname number ").append(i).append(" padded to look like a real row of data\n");
        }
        return sql.append(TAIL.replace("\\.\n\n", "\\.\n\n" + afterData)).toString();
    }

    /** What psql would get, the source read back {@code step} bytes at a time at most. */
    private static String streamed(StreamedDumpCheck check, byte[] source, int step) throws IOException {
        try (InputStream in = check.filter(new Trickle(new ByteArrayInputStream(source), step))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static StreamedDumpCheck check(String name) {
        return new DumpInspector(null).streamedCheck(Path.of(name), BackupFormat.PLAIN);
    }

    @ParameterizedTest(name = "reads of at most {0} bytes")
    @ValueSource(ints = {1, 7, 4096, 1 << 20})
    void aGoodDumpReachesPsqlAsTheReadThroughWouldHaveGivenIt(int step) throws IOException {
        for (String name : new String[] {"plain.sql", "clean.sql", "clean-if-exists.sql", "clean-create.sql"}) {
            String sql = resource(name);
            Path file = Files.writeString(dir.resolve("merq.sql"), sql);
            Inspection before = inspector.deep(file);
            StreamedDumpCheck check = check("merq.sql");

            String streamed = streamed(check, sql.getBytes(StandardCharsets.UTF_8), step);

            String expected;
            try (InputStream skipped = PlainDumpFilter.skipping(before.linesToSkip())
                .filter(new ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8)))) {
                expected = new String(skipped.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(streamed).as(name).isEqualTo(expected);
            assertThat(check.inspection()).as(name).hasToString(before.toString());
        }
    }

    @Test
    void aLargeDumpPassesUnchangedAndNamesItsTables() throws IOException {
        String sql = dump(50_000, "");

        StreamedDumpCheck check = check("merq.sql");
        assertThat(streamed(check, sql.getBytes(StandardCharsets.UTF_8), 1 << 20)).isEqualTo(sql);
        assertThat(check.inspection().tables()).containsExactly("public.items");
    }

    @Test
    void aTruncatedPlainDumpIsRejectedAtItsEndWithNothingAfterTheLastWholeLine() throws IOException {
        String sql = dump(20_000, "");
        byte[] cut = Arrays.copyOf(sql.getBytes(StandardCharsets.UTF_8), sql.length() / 2 + 5);
        StreamedDumpCheck check = check("merq.sql");
        ByteArrayOutputStream got = new ByteArrayOutputStream();

        assertThatThrownBy(() -> copy(check.filter(new ByteArrayInputStream(cut)), got))
            .isInstanceOf(DumpRejected.class).hasMessageContaining("truncated");

        assertThat(check.finished()).isFalse();
        assertThat(got.toString(StandardCharsets.UTF_8)).doesNotContain("dump complete");
    }

    @Test
    void aDumpEndingInsideAStatementIsRejected() {
        String sql = HEAD.replace("COPY public.items (id, name) FROM stdin;\n", "")
            + "-- PostgreSQL database dump complete\nALTER DATABASE merq RENAME TO gone\n";

        assertThatThrownBy(() -> streamed(check("merq.sql"), sql.getBytes(StandardCharsets.UTF_8), 1 << 20))
            .isInstanceOf(DumpRejected.class).hasMessageContaining("line 8").hasMessageContaining("inside a statement");
    }

    @Test
    void aDumpCutInsideCopyDataWithItsLastLinesPutBackIsRejected() {
        String whole = dump(20_000, "");
        String sql = whole.substring(0, whole.length() / 2) + "\n" + TAIL.substring(TAIL.indexOf("--"));

        assertThatThrownBy(() -> streamed(check("merq.sql"), sql.getBytes(StandardCharsets.UTF_8), 1 << 20))
            .isInstanceOf(DumpRejected.class).hasMessageContaining("ends inside the data of a COPY");
    }

    /** --in-place reads the dump through before dropping live: a cut inside COPY data is refused there too. */
    @Test
    void theReadThroughBeforeAnInPlaceRestoreRefusesADumpEndingInsideCopyData() throws IOException {
        String whole = dump(20_000, "");
        Path copy = Files.writeString(dir.resolve("copy.sql"), whole.substring(0, whole.length() / 2) + "\n"
            + TAIL.substring(TAIL.indexOf("--")));

        assertThat(inspector.deep(copy).problem()).isEqualTo("copy.sql: the dump ends inside the data of a COPY"
            + " (no \\. line closes it); it is truncated or edited");
        assertThat(inspector.deep(Files.writeString(dir.resolve("whole.sql"), whole)).complete()).isTrue();
    }

    @Test
    void aTruncatedGzipStreamIsRejectedAsCutOff() throws IOException {
        byte[] gz = gzip(dump(50_000, ""));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        StreamedDumpCheck check = check("merq.sql.gz");
        Files.write(dir.resolve("merq.sql.gz"), cut);

        assertThat(inspector.beforeStreaming(dir.resolve("merq.sql.gz")).complete())
            .as("the cheap check cannot see the cut").isTrue();
        assertThatThrownBy(() -> copy(check.filter(new GZIPInputStream(new ByteArrayInputStream(cut))),
            new ByteArrayOutputStream()))
            .isInstanceOf(DumpRejected.class).hasMessageContaining("compressed stream is cut off");
    }

    @ParameterizedTest(name = "reads of at most {0} bytes")
    @ValueSource(ints = {1, 4096, 1 << 20})
    void aHostileLineMidStreamNeverReachesPsql(int step) throws IOException {
        String before = dump(20_000, "");
        String sql = before.replace("\n--\n-- PostgreSQL database dump complete", "\nSELECT 1;\n\\! touch /tmp/pwned\n"
            + "-- PostgreSQL database dump complete");
        StreamedDumpCheck check = check("merq.sql");
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = check.filter(new Trickle(new ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8)), step));

        assertThatThrownBy(() -> copy(in, got)).isInstanceOf(DumpRejected.class)
            .hasMessageStartingWith("merq.sql line 20011: psql meta-command \\!");

        // Whole lines of what came before, up to the chunk the hostile line arrived in: one byte at a time, all of them.
        String psqlGot = got.toString(StandardCharsets.UTF_8);
        assertThat(psqlGot).doesNotContain("\\!").doesNotContain("pwned").endsWith("\n");
        assertThat(sql.substring(0, sql.indexOf("\\!"))).startsWith(psqlGot);
        if (step == 1) {
            assertThat(psqlGot).endsWith("SELECT 1;\n");
        }
    }

    @Test
    void theCheckBeforeStreamingReadsTheEndAndTheHeadOnly() throws IOException {
        Path atTop = Files.writeString(dir.resolve("top.sql"), "\\! touch /tmp/x\n" + dump(10, ""));
        Path further = Files.writeString(dir.resolve("further.sql"), dump(20_000, "\\! touch /tmp/x\n"));
        Path cut = Files.writeString(dir.resolve("cut.sql"), dump(20_000, "").substring(0, 100_000));

        assertThat(inspector.beforeStreaming(atTop).problem()).startsWith("top.sql line 1: psql meta-command \\!");
        assertThat(inspector.beforeStreaming(further).complete()).as("found on the way in instead").isTrue();
        assertThat(inspector.beforeStreaming(cut).problem()).contains("truncated");
    }

    @Test
    void aDatabaseStatementSplitOverManyReadsIsStillEmptiedBeforePsqlSeesIt() throws IOException {
        String sql = HEAD.replace("COPY public.items (id, name) FROM stdin;\n", "")
            + "COMMENT ON DATABASE merq\n  IS 'the live\none';\nSELECT 1;\n-- PostgreSQL database dump complete\n";

        String streamed = streamed(check("merq.sql"), sql.getBytes(StandardCharsets.UTF_8), 1);

        assertThat(streamed).doesNotContain("COMMENT").doesNotContain("live").contains("\n\n\n\nSELECT 1;\n");
    }

    @Test
    void aStatementOverTheHoldLimitPassesUnlessItIsOneToSkip() throws IOException {
        String big = "x\n".repeat(StreamedDumpCheck.HOLD_LIMIT / 2 + 600_000);
        String select = HEAD.replace("COPY public.items (id, name) FROM stdin;\n", "") + "SELECT '" + big + "';\n"
            + "-- PostgreSQL database dump complete\n";
        assertThat(streamed(check("merq.sql"), select.getBytes(StandardCharsets.UTF_8), 1 << 20)).isEqualTo(select);

        String comment = select.replace("SELECT '", "COMMENT ON DATABASE merq IS '");
        assertThatThrownBy(() -> streamed(check("merq.sql"), comment.getBytes(StandardCharsets.UTF_8), 1 << 20))
            .isInstanceOf(DumpRejected.class).hasMessageContaining("line 7").hasMessageContaining("over 8 MB");
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = StreamedDumpCheckTest.class.getResourceAsStream("/dumps/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A source that hands out at most {@code step} bytes a read, as a pipe or a gzip stream may. */
    private static final class Trickle extends FilterInputStream {
        private final int step;

        Trickle(InputStream in, int step) {
            super(in);
            this.step = step;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, step));
        }
    }
}
