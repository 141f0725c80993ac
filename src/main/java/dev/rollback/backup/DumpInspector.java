package dev.rollback.backup;

import dev.rollback.adapters.postgres.LinesToSkip;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.RollbackException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Decides whether a dump can be restored, before anything is touched ({@link #deep}), or before a
 * restore into a scratch database that checks the rest on the way in ({@link #beforeStreaming},
 * {@link #streamedCheck}).
 *
 * <p>Plain SQL: pg_dump writes {@code -- PostgreSQL database dump complete} at the very end; dumps
 * since August 2025 add a "unrestrict" meta-command line after it, so the marker is looked for among the
 * last lines, not on the last one. Gzip'd SQL: the same after decompressing (a cut gzip stream
 * fails to decompress). Archives: {@code pg_restore --list} reads only the table of contents, which
 * sits at the start and survives truncation, so a full read-through follows in deep mode.
 */
public final class DumpInspector {
    static final String COMPLETION_MARKER = DumpTail.COMPLETION_MARKER;
    private static final String MISSING_MARKER = DumpTail.MISSING_MARKER;
    private static final int TAIL_BYTES = DumpTail.BYTES;
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

    /**
     * The check before a restore into a scratch database, which reads the rest while the dump
     * streams in ({@link #streamedCheck}): plain, the completion marker at the end; gzip'd, a
     * readable header and first block; archives, the table of contents (pg_restore fails on a
     * truncated archive's data). Never reads a whole dump.
     */
    public Inspection beforeStreaming(Path dump) throws IOException {
        BackupFormat format = BackupFormat.detect(dump);
        return switch (format) {
            case PLAIN -> head(dump, Files.newInputStream(dump), plainTail(dump));
            case PLAIN_GZIP -> head(dump, new GZIPInputStream(Files.newInputStream(dump)), gzipStart(dump));
            case VOLUME, CONFIG, INCIDENT -> inspect(dump, false);
            default -> archive(format, dump, false);
        };
    }

    /** The full check of a plain dump (gzip'd or not) for the restore that streams it into a scratch database. */
    public StreamedDumpCheck streamedCheck(Path dump, BackupFormat format) {
        return new StreamedDumpCheck(String.valueOf(dump.getFileName()), format);
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
        return DumpTail.hasMarker(tail, tail.length);
    }

    /** The gzip header and the first decompressed bytes; the rest is checked as it streams. */
    /**
     * The first bytes of a plain dump through the scanner too: an edited dump's meta-command at the
     * top (where pg_dump writes its own) is refused before anything is touched, the app never
     * stopped. One further down is refused on the way in, before psql receives it. What the head
     * says (a database it creates, a --clean dump) is kept; its skipped lines come with the full scan.
     */
    private static Inspection head(Path dump, InputStream source, Inspection cheap) throws IOException {
        if (!cheap.complete()) {
            source.close();
            return cheap;
        }
        DumpScanner scanner = new DumpScanner(String.valueOf(dump.getFileName()));
        try (InputStream in = source) {
            byte[] head = in.readNBytes(TAIL_BYTES);
            scanner.feed(head, head.length);
        } catch (DumpScanner.Refused refused) {
            return Inspection.hostile(cheap.format(), refused.getMessage());
        }
        // pg_dump writes CREATE DATABASE and --clean's drops at the top: shown before the confirmation.
        return new Inspection(cheap.format(), true, null, List.of(), false, LinesToSkip.none(), scanner.createdDatabase(),
            scanner.clean());
    }

    private static Inspection gzipStart(Path dump) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dump))) {
            in.readNBytes(TAIL_BYTES);
        } catch (java.io.EOFException | java.util.zip.ZipException truncated) {
            return Inspection.incomplete(BackupFormat.PLAIN_GZIP, DumpTail.cutGzip(truncated));
        }
        return Inspection.complete(BackupFormat.PLAIN_GZIP, List.of());
    }

    /** Reads the whole dump once: the scan for what psql must not run, the COPY targets, the completion marker. */
    private Inspection plain(BackupFormat format, Path dump, InputStream source) throws IOException {
        DumpScanner scanner = new DumpScanner(String.valueOf(dump.getFileName()));
        byte[] tail;
        try (InputStream in = new BufferedInputStream(source)) {
            tail = readTail(in, scanner);
        } catch (java.io.EOFException | java.util.zip.ZipException truncated) {
            return Inspection.incomplete(format, DumpTail.cutGzip(truncated));
        } catch (DumpScanner.Refused refused) {
            return Inspection.hostile(format, refused.getMessage());
        }
        if (!markerFound(tail)) {
            return Inspection.incomplete(format, MISSING_MARKER);
        }
        // A statement left open is psql's to reject (it runs it at the end of its input); COPY data
        // left open would end the COPY there and let psql read on as if the dump were whole.
        String unfinished = scanner.unfinishedCopy();
        return unfinished != null ? Inspection.incomplete(format, unfinished) : scanner.inspection(format);
    }

    /**
     * Streams the whole file once through the scanner and returns its last bytes. Allocation-free
     * per line: a dump of gigabytes passes through here before every restore.
     */
    private static byte[] readTail(InputStream in, DumpScanner scanner) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        DumpTail tail = new DumpTail();
        int n;
        while ((n = in.read(buffer)) > 0) {
            scanner.feed(buffer, n);
            tail.add(buffer, 0, n);
        }
        scanner.finish();
        return tail.bytes();
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
