package dev.rollback.backup;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.RollbackException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Decides whether a dump can be restored, before anything is touched.
 *
 * <p>Plain SQL: pg_dump writes {@code -- PostgreSQL database dump complete} at the very end; dumps
 * since August 2025 add a "unrestrict" meta-command line after it, so the marker is looked for among the
 * last lines, not on the last one. Gzip'd SQL: the same after decompressing (a cut gzip stream
 * fails to decompress). Archives: {@code pg_restore --list} reads only the table of contents, which
 * sits at the start and survives truncation, so a full read-through follows in deep mode.
 */
public final class DumpInspector {
    static final String COMPLETION_MARKER = "-- PostgreSQL database dump complete";
    private static final String MISSING_MARKER = "no '" + COMPLETION_MARKER
        + "' line at the end: the dump is truncated or not a pg_dump file";
    private static final int TAIL_BYTES = 64 * 1024;
    private static final Pattern COPY_TABLE = Pattern.compile("^COPY ([^ (]+) ");
    private static final Pattern TOC_TABLE_DATA = Pattern.compile("^\\d+; \\d+ \\d+ TABLE DATA (\\S+) (\\S+) ");

    private final Postgres postgres;

    public DumpInspector(Postgres postgres) {
        this.postgres = postgres;
    }

    /** Cheap check, for listings: completion marker, or the archive's table of contents. */
    public Inspection quick(Path dump) throws IOException {
        return inspect(dump, false);
    }

    /** Full check, before a restore or after a backup: also reads archives to the end. */
    public Inspection deep(Path dump) throws IOException {
        return inspect(dump, true);
    }

    private Inspection inspect(Path dump, boolean deep) throws IOException {
        BackupFormat format = BackupFormat.detect(dump);
        return switch (format) {
            case PLAIN -> deep ? plain(format, Files.newInputStream(dump)) : plainTail(dump);
            case PLAIN_GZIP -> plain(format, new GZIPInputStream(Files.newInputStream(dump)));
            default -> archive(format, dump, deep);
        };
    }

    /** Only the last bytes of a plain dump: a listing of many large dumps stays fast. */
    private Inspection plainTail(Path dump) throws IOException {
        try (var file = new java.io.RandomAccessFile(dump.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            return markerFound(tail) ? Inspection.complete(BackupFormat.PLAIN, List.of())
                : Inspection.incomplete(BackupFormat.PLAIN, MISSING_MARKER);
        }
    }

    private static boolean markerFound(byte[] tail) {
        return new String(tail, StandardCharsets.UTF_8).contains(COMPLETION_MARKER);
    }

    private Inspection plain(BackupFormat format, InputStream source) throws IOException {
        List<String> tables = new ArrayList<>();
        byte[] tail;
        try (InputStream in = new BufferedInputStream(source)) {
            tail = readTail(in, tables);
        } catch (java.io.EOFException | java.util.zip.ZipException truncated) {
            return Inspection.incomplete(format, "the compressed stream is cut off ("
                + truncated.getMessage() + "): the file is truncated");
        }
        return markerFound(tail) ? Inspection.complete(format, tables) : Inspection.incomplete(format, MISSING_MARKER);
    }

    /** Streams the whole file, collecting COPY targets, and returns its last bytes. */
    private static byte[] readTail(InputStream in, List<String> tables) throws IOException {
        byte[] ring = new byte[TAIL_BYTES];
        long total = 0;
        StringBuilder line = new StringBuilder();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                ring[(int) (total++ % TAIL_BYTES)] = b;
                if (b == '\n') {
                    collectTable(line, tables);
                    line.setLength(0);
                } else if (line.length() < 512) {
                    line.append((char) (b & 0xff));
                }
            }
        }
        int size = (int) Math.min(total, TAIL_BYTES);
        byte[] tail = new byte[size];
        for (int i = 0; i < size; i++) {
            tail[i] = ring[(int) ((total - size + i) % TAIL_BYTES)];
        }
        return tail;
    }

    private static void collectTable(StringBuilder line, List<String> tables) {
        if (line.length() > 5 && line.charAt(0) == 'C') {
            Matcher copy = COPY_TABLE.matcher(line);
            if (copy.find()) {
                tables.add(copy.group(1));
            }
        }
    }

    private Inspection archive(BackupFormat format, Path dump, boolean deep) {
        List<String> tables = new ArrayList<>();
        try {
            for (String entry : postgres.listArchive(dump)) {
                Matcher data = TOC_TABLE_DATA.matcher(entry);
                if (data.find()) {
                    tables.add(data.group(1) + "." + data.group(2));
                }
            }
            if (deep) {
                postgres.readArchive(dump);
            }
        } catch (RollbackException unreadable) {
            return Inspection.incomplete(format, unreadable.getMessage());
        }
        return Inspection.complete(format, tables);
    }
}
