package dev.rollback.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain and gzip'd dumps are judged without any PostgreSQL tool; archives are covered by the ITs. */
class DumpInspectorTest {
    @TempDir
    Path dir;

    private final DumpInspector inspector = new DumpInspector(null);

    private static String dump(boolean complete, boolean unrestrictLine) {
        StringBuilder sql = new StringBuilder("--\n-- PostgreSQL database dump\n--\n\n");
        sql.append("CREATE TABLE public.users (id integer, name text);\n");
        sql.append("COPY public.users (id, name) FROM stdin;\n");
        for (int i = 0; i < 5000; i++) {
            sql.append(i).append("\tuser").append(i).append('\n');
        }
        sql.append("\\.\n\n");
        if (complete) {
            sql.append("\n--\n-- PostgreSQL database dump complete\n--\n\n");
            if (unrestrictLine) {
                sql.append("\\unrestrict abc123\n\n");
            }
        }
        return sql.toString();
    }

    @Test
    void completePlainDumpIsCompleteAndListsItsTables() throws Exception {
        Path file = dir.resolve("merq_20240101_020000.sql");
        Files.writeString(file, dump(true, false));

        Inspection deep = inspector.deep(file);

        assertThat(deep.format()).isEqualTo(BackupFormat.PLAIN);
        assertThat(deep.complete()).isTrue();
        assertThat(deep.tables()).containsExactly("public.users");
        assertThat(inspector.quick(file).complete()).isTrue();
    }

    @Test
    void markerFollowedByUnrestrictLineStillCountsAsComplete() throws Exception {
        Path file = dir.resolve("new.sql");
        Files.writeString(file, dump(true, true));

        assertThat(inspector.deep(file).complete()).isTrue();
        assertThat(inspector.quick(file).complete()).isTrue();
    }

    @Test
    void truncatedPlainDumpIsIncompleteWithAReason() throws Exception {
        Path file = dir.resolve("cut.sql");
        String full = dump(true, false);
        Files.writeString(file, full.substring(0, full.length() / 2));

        Inspection inspection = inspector.deep(file);

        assertThat(inspection.complete()).isFalse();
        assertThat(inspection.problem()).contains("truncated");
        assertThat(inspector.quick(file).complete()).isFalse();
    }

    @Test
    void gzipDumpIsDetectedAndCheckedAfterDecompressing() throws Exception {
        Path file = dir.resolve("merq_20240101_020000.sql.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(dump(true, false).getBytes());
        }

        Inspection inspection = inspector.deep(file);

        assertThat(inspection.format()).isEqualTo(BackupFormat.PLAIN_GZIP);
        assertThat(inspection.complete()).isTrue();
    }

    @Test
    void cutGzipStreamIsIncomplete() throws Exception {
        Path whole = dir.resolve("whole.sql.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write(dump(true, false).getBytes());
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.sql.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));

        Inspection inspection = inspector.deep(cut);

        assertThat(inspection.format()).isEqualTo(BackupFormat.PLAIN_GZIP);
        assertThat(inspection.complete()).isFalse();
        assertThat(inspection.problem()).contains("truncated");
    }

    @Test
    void customFormatIsToldByItsMagicBytes() throws Exception {
        Path file = dir.resolve("x.bin");
        Files.write(file, "PGDMP\u0001\u000e\u0000".getBytes());

        assertThat(BackupFormat.detect(file)).isEqualTo(BackupFormat.CUSTOM);
    }
}
