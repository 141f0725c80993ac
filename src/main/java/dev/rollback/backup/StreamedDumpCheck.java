package dev.rollback.backup;

import dev.rollback.adapters.postgres.DumpRejected;
import dev.rollback.adapters.postgres.LinesToSkip;
import dev.rollback.adapters.postgres.PlainDumpFilter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * The full check of a plain dump done while it streams into a scratch database, instead of a
 * read-through before it: the scratch copy is disposable and live is untouched until the swap, so
 * a dump found bad on the way only costs the scratch copy. Only the cheap check (the completion
 * marker at the end, a readable gzip header) runs before anything is touched.
 *
 * <p>The stream psql reads goes through {@link DumpScanner} first and lets through only what the
 * scanner has judged: whole lines (psql reads a line before it runs anything on it), and not the
 * lines of a statement that has not ended yet, since it may turn out to be one that must reach psql
 * empty ({@link LinesToSkip}: a database-level statement, a {@code --clean} drop). A line the
 * scanner refuses, a cut gzip stream, or a dump without the completion marker at its end throws
 * {@link DumpRejected} before psql gets the line, or the COMMIT after the last one.
 *
 * <p>A statement is held back up to {@link #HOLD_LIMIT} bytes; a longer one (a huge function body,
 * an INSERT of a large value) is let through as it comes, and if it then turns out to be one to
 * skip, the dump is rejected: pg_dump writes no such statement that long. One check serves one
 * restore; {@link #inspection()} then says what the dump held.
 */
public final class StreamedDumpCheck implements PlainDumpFilter {
    static final int HOLD_LIMIT = 8 * 1024 * 1024;
    private static final int CHUNK = 256 * 1024;

    private final BackupFormat format;
    private final DumpScanner scanner;
    private final DumpTail tail = new DumpTail();
    private volatile boolean finished;

    StreamedDumpCheck(String fileName, BackupFormat format) {
        this.format = format;
        this.scanner = new DumpScanner(fileName);
    }

    @Override
    public InputStream filter(InputStream sql) {
        return new Checked(sql);
    }

    /** Whether the whole dump passed the check (psql may still be reading its last bytes). */
    public boolean finished() {
        return finished;
    }

    /** What the dump held (its tables, the lines psql got empty), once it passed the check. */
    public Inspection inspection() {
        if (!finished) {
            throw new IllegalStateException("the dump has not been checked to its end");
        }
        return scanner.inspection(format);
    }

    /**
     * The dump's bytes as psql gets them. {@code held[readyStart, readyEnd)}: checked, skipped lines
     * emptied, for psql; {@code held[pendingStart, heldEnd)}: fed to the scanner, not let through yet,
     * starting at line {@code pendingLine}.
     */
    private final class Checked extends InputStream {
        private final InputStream in;
        private byte[] held = new byte[2 * CHUNK];
        private int readyStart;
        private int readyEnd;
        private int pendingStart;
        private int heldEnd;
        private long pendingLine = 1;
        /** The first line of a statement over {@link #HOLD_LIMIT} let through before it ended, else 0. */
        private long unheldStatement;
        private boolean ended;

        Checked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (readyStart == readyEnd) {
                if (ended) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(length, readyEnd - readyStart);
            System.arraycopy(held, readyStart, buffer, offset, n);
            readyStart += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        /** Reads and judges the next chunk, then lets through what may reach psql. */
        private void fill() throws IOException {
            int pending = heldEnd - pendingStart;
            byte[] target = held.length < pending + CHUNK ? new byte[Math.max(2 * held.length, pending + CHUNK)] : held;
            System.arraycopy(held, pendingStart, target, 0, pending);
            held = target;
            readyStart = readyEnd = pendingStart = 0;
            heldEnd = pending;
            int n;
            try {
                n = in.read(held, heldEnd, CHUNK);
            } catch (EOFException | ZipException cut) {
                throw new DumpRejected(scanner.fileName() + ": " + DumpTail.cutGzip(cut));
            }
            try {
                if (n < 0) {
                    scanner.finish();
                } else {
                    scanner.feed(held, heldEnd, n);
                }
            } catch (DumpScanner.Refused refused) {
                // The restore says what changed: the scratch copy was made and is dropped.
                throw new DumpRejected(refused.getMessage().replaceFirst("; nothing was changed$", ""));
            }
            if (n < 0) {
                if (!tail.hasMarker()) {
                    throw new DumpRejected(scanner.fileName() + ": " + DumpTail.MISSING_MARKER);
                }
                String unfinished = scanner.unfinishedCopy() != null ? scanner.unfinishedCopy() : scanner.unfinishedStatement();
                if (unfinished != null) {
                    throw new DumpRejected(unfinished);
                }
                requireUnheldNotSkipped(scanner.line());
                letThrough(heldEnd, scanner.line() + 1);
                ended = true;
                finished = true;
                return;
            }
            tail.add(held, heldEnd, n);
            heldEnd += n;
            letThroughJudged();
        }

        /** Whole lines, up to a statement still open unless it is over the hold limit. */
        private void letThroughJudged() throws DumpRejected {
            long line = scanner.line();
            long open = scanner.openStatementLine();
            if (unheldStatement != 0 && open != unheldStatement) {
                requireUnheldNotSkipped(pendingLine - 1);
            }
            long upTo = line;
            if (open != 0 && open != unheldStatement) {
                int start = startOf(open, line);
                if (heldEnd - start <= HOLD_LIMIT) {
                    upTo = open;
                } else {
                    unheldStatement = open;
                }
            }
            letThrough(startOf(upTo, line), upTo);
        }

        /** The statement let through unheld ended: it must not be one psql should have got empty. */
        private void requireUnheldNotSkipped(long through) throws DumpRejected {
            if (unheldStatement != 0 && scanner.linesToSkip().anyWithin(unheldStatement, through)) {
                throw new DumpRejected(scanner.fileName() + " line " + unheldStatement + ": a statement that"
                    + " cannot run on a scratch copy is over " + HOLD_LIMIT / (1024 * 1024) + " MB long;"
                    + " pg_dump writes none such");
            }
            unheldStatement = 0;
        }

        /** The offset in {@code held} where line {@code wanted} starts; {@code line} is the one being read. */
        private int startOf(long wanted, long line) {
            if (wanted <= pendingLine) {
                return pendingStart;
            }
            long newlines = line - wanted + 1;
            for (int i = heldEnd - 1; i >= pendingStart; i--) {
                if (held[i] == '\n' && --newlines == 0) {
                    return i + 1;
                }
            }
            throw new IllegalStateException("line " + wanted + " is not held");
        }

        /** Makes {@code held[pendingStart, end)}, lines up to {@code upTo} (exclusive), ready for psql. */
        private void letThrough(int end, long upTo) {
            LinesToSkip skip = scanner.linesToSkip();
            int write = end;
            if (skip.anyWithin(pendingLine, upTo - 1)) {
                write = pendingStart;
                long at = pendingLine;
                boolean skipping = skip.skips(at);
                for (int i = pendingStart; i < end; i++) {
                    byte b = held[i];
                    if (!skipping || b == '\n') {
                        held[write++] = b;
                    }
                    if (b == '\n') {
                        skipping = skip.skips(++at);
                    }
                }
            }
            readyStart = pendingStart;
            readyEnd = write;
            pendingStart = end;
            pendingLine = upTo;
        }
    }
}
