package dev.rollback.adapters.postgres;

import dev.rollback.adapters.process.StdinSource;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A plain SQL dump as psql's stdin: decompressed on the fly when gzip'd, and wrapped in a
 * transaction that only commits when the whole file was read.
 *
 * <p>Why not {@code psql --single-transaction}: psql sends COMMIT when its input ends, and a cut
 * input ends too: a truncated or corrupt gzip stream, or, in container mode, a docker exec client
 * killed by a timeout (the daemon then closes psql's stdin). psql would commit half a restore.
 * Here BEGIN is the first statement and COMMIT follows the dump's last byte, so a stream that breaks
 * before the end never carries a COMMIT and the server rolls everything back when psql leaves.
 *
 * <p>psql runs it in restricted mode: the first line is {@code \restrict} with a key drawn for this
 * restore alone, so psql refuses every meta-command that follows (a dump cannot know the key to
 * lift it). The dump is scanned before psql sees it (before anything was touched, or line by line
 * on its way in, see {@link PlainDumpFilter}); this is the second fence, for a line the scan missed.
 * The dump's own restrict lines and the statements the scan found unfit for a scratch copy
 * ({@link LinesToSkip}) reach psql as empty lines. A filter that rejects the dump mid-stream
 * ({@link DumpRejected}) is remembered here, so the restore can say why its input stopped.
 *
 * <p>BEGIN shares the dump's first line, so psql's "psql:&lt;stdin&gt;:N:" line numbers in error
 * messages are the dump's own plus one; {@link #dumpLineNumbers} puts them back. COMMIT comes after a newline and an empty statement, so a last line
 * without a final newline or semicolon cannot swallow it; if the dump ends inside a string or a
 * COPY block (a truncated file), COMMIT becomes part of that and is never executed.
 */
final class PlainDumpInput implements StdinSource {
    private static final byte[] BEGIN = "BEGIN;".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern PSQL_LINE = Pattern.compile("psql:<stdin>:(\\d+):");
    private static final byte[] COMMIT = "\n;\nCOMMIT;\n".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 64 * 1024;

    private final Path dump;
    private final boolean gzip;
    private final PlainDumpFilter filter;
    private final String restrictKey;
    private volatile DumpRejected rejection;

    /** {@code restrictKey}: letters and digits, fresh for each restore, never logged. */
    PlainDumpInput(Path dump, boolean gzip, LinesToSkip skip, String restrictKey) {
        this(dump, gzip, PlainDumpFilter.skipping(skip), restrictKey);
    }

    PlainDumpInput(Path dump, boolean gzip, PlainDumpFilter filter, String restrictKey) {
        if (!restrictKey.matches("[A-Za-z0-9]{16,}")) {
            throw new IllegalArgumentException("a restrict key is 16 or more letters and digits");
        }
        this.dump = dump;
        this.gzip = gzip;
        this.filter = filter;
        this.restrictKey = restrictKey;
    }

    /** psql's "psql:&lt;stdin&gt;:N:" in {@code stderr}, back to the dump's own line numbers. */
    static String dumpLineNumbers(String stderr) {
        return PSQL_LINE.matcher(stderr).replaceAll(m -> "psql:<stdin>:" + Math.max(1, Long.parseLong(m.group(1)) - 1) + ":");
    }

    @Override
    public InputStream open() throws IOException {
        InputStream file = new BufferedInputStream(Files.newInputStream(dump), BUFFER);
        InputStream sql;
        try {
            sql = gzip ? new GZIPInputStream(file, BUFFER) : file;
        } catch (IOException notGzip) {
            file.close();
            throw unreadable(notGzip);
        }
        byte[] restrict = ("\\restrict " + restrictKey + "\n").getBytes(StandardCharsets.US_ASCII);
        InputStream body = new Explained(filter.filter(sql));
        return new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(restrict),
            new ByteArrayInputStream(BEGIN), body, new ByteArrayInputStream(COMMIT))));
    }

    /** Why the filter stopped the dump mid-stream, or null when it did not. */
    DumpRejected rejection() {
        return rejection;
    }

    private IOException unreadable(IOException e) {
        return new IOException("the dump could not be read to its end (" + e.getMessage()
            + "); nothing of it was committed", e);
    }

    /**
     * Explains read errors: "Unexpected end of ZLIB input stream" alone says little. A filter's
     * {@link DumpRejected} already says what is wrong: kept as it is, and remembered.
     */
    private final class Explained extends FilterInputStream {
        Explained(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw explained(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                throw explained(e);
            }
        }

        private IOException explained(IOException e) {
            if (e instanceof DumpRejected rejected) {
                rejection = rejected;
                return rejected;
            }
            return unreadable(e);
        }
    }
}
