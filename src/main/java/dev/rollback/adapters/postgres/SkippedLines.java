package dev.rollback.adapters.postgres;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A dump with some of its lines emptied: their bytes are dropped, their newlines kept, so every
 * other line keeps its number. Counting newlines is all the per-byte work, and it stops after the
 * last skipped line.
 */
final class SkippedLines extends FilterInputStream {
    private final LinesToSkip lines;
    private long line = 1;
    private long from;
    private long to;

    SkippedLines(InputStream in, LinesToSkip skip) {
        super(in);
        this.lines = skip;
        nextRange();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            int n = in.read(buffer, offset, length);
            if (n <= 0 || from == Long.MAX_VALUE) {
                return n;
            }
            int written = offset;
            for (int i = offset; i < offset + n; i++) {
                byte b = buffer[i];
                boolean skipped = line >= from;
                if (!skipped || b == '\n') {
                    buffer[written++] = b;
                }
                if (b == '\n') {
                    line++;
                    if (line > to) {
                        nextRange();
                    }
                }
            }
            if (written > offset) {
                return written - offset;
            }
        }
    }

    private void nextRange() {
        from = lines.nextAtOrAfter(line);
        to = from == Long.MAX_VALUE ? Long.MAX_VALUE : lines.endOf(from);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(0, read);
    }
}
