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
 * <p>BEGIN shares the dump's first line, so psql's "psql:&lt;stdin&gt;:N:" line numbers in error
 * messages are the dump's own. COMMIT comes after a newline and an empty statement, so a last line
 * without a final newline or semicolon cannot swallow it; if the dump ends inside a string or a
 * COPY block (a truncated file), COMMIT becomes part of that and is never executed.
 */
final class PlainDumpInput implements StdinSource {
    private static final byte[] BEGIN = "BEGIN;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMIT = "\n;\nCOMMIT;\n".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 64 * 1024;

    private final Path dump;
    private final boolean gzip;

    PlainDumpInput(Path dump, boolean gzip) {
        this.dump = dump;
        this.gzip = gzip;
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
        return new SequenceInputStream(Collections.enumeration(List.of(
            new ByteArrayInputStream(BEGIN), new Explained(sql), new ByteArrayInputStream(COMMIT))));
    }

    private IOException unreadable(IOException e) {
        return new IOException("the dump could not be read to its end (" + e.getMessage()
            + "); nothing of it was committed", e);
    }

    /** Explains read errors: "Unexpected end of ZLIB input stream" alone says little. */
    private final class Explained extends FilterInputStream {
        Explained(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw unreadable(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                throw unreadable(e);
            }
        }
    }
}
