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
    private static final Pattern TOC_TABLE_DATA = Pattern.compile("^\\d+; \\d+ \\d+ TABLE DATA (\\S+) (\\S+) ");

    private final Postgres postgres;

    /** @param postgres for pg_dump archives (custom, tar, directory); null when no database is configured */
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
            case PLAIN -> deep ? plain(format, dump, Files.newInputStream(dump)) : plainTail(dump);
            case PLAIN_GZIP -> plain(format, dump, new GZIPInputStream(Files.newInputStream(dump)));
            // Listed beside the dumps, never restored into a database (nor picked as "latest").
            case VOLUME, CONFIG, INCIDENT -> Inspection.incomplete(format, "a " + format.wire() + " backup, not a database dump");
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

    /** Reads the whole dump once: the scan for what psql must not run, the COPY targets, the completion marker. */
    private Inspection plain(BackupFormat format, Path dump, InputStream source) throws IOException {
        DumpScanner scanner = new DumpScanner(String.valueOf(dump.getFileName()));
        byte[] tail;
        try (InputStream in = new BufferedInputStream(source)) {
            tail = readTail(in, scanner);
        } catch (java.io.EOFException | java.util.zip.ZipException truncated) {
            return Inspection.incomplete(format, "the compressed stream is cut off ("
                + truncated.getMessage() + "): the file is truncated");
        } catch (DumpScanner.Refused refused) {
            return Inspection.hostile(format, refused.getMessage());
        }
        if (!markerFound(tail)) {
            return Inspection.incomplete(format, MISSING_MARKER);
        }
        return new Inspection(format, true, null, scanner.tables(), false, scanner.linesToSkip(),
            scanner.createdDatabase(), scanner.clean());
    }

    /**
     * Streams the whole file once through the scanner and returns its last bytes. Allocation-free
     * per line: a dump of gigabytes passes through here before every restore.
     */
    private static byte[] readTail(InputStream in, DumpScanner scanner) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        byte[] tail = new byte[TAIL_BYTES];
        int tailLength = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            scanner.feed(buffer, n);
            if (n >= TAIL_BYTES) {
                System.arraycopy(buffer, n - TAIL_BYTES, tail, 0, TAIL_BYTES);
                tailLength = TAIL_BYTES;
            } else {
                int keep = Math.min(tailLength, TAIL_BYTES - n);
                System.arraycopy(tail, tailLength - keep, tail, 0, keep);
                System.arraycopy(buffer, 0, tail, keep, n);
                tailLength = keep + n;
            }
        }
        scanner.finish();
        return java.util.Arrays.copyOf(tail, tailLength);
    }

    private Inspection archive(BackupFormat format, Path dump, boolean deep) {
        if (postgres == null) {
            return Inspection.incomplete(format, "a pg_dump archive; checking it needs database: in rollback.yml");
        }
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
