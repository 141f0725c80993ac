package dev.rollback.backup;

import java.nio.charset.StandardCharsets;

/**
 * The last bytes of a dump read as a stream, kept without holding the dump: where pg_dump's
 * completion marker must be. Shared by the read-through before a restore ({@link DumpInspector})
 * and the check while a dump streams into a scratch database ({@link StreamedDumpCheck}).
 */
final class DumpTail {
    static final String COMPLETION_MARKER = "-- PostgreSQL database dump complete";
    static final String MISSING_MARKER = "no '" + COMPLETION_MARKER
        + "' line at the end: the dump is truncated or not a pg_dump file";
    /** pg_dump writes the marker, then since August 2025 an "unrestrict" line: far less than this. */
    static final int BYTES = 64 * 1024;

    private final byte[] tail = new byte[BYTES];
    private int length;

    /** The next {@code n} bytes of the stream, at {@code buffer[offset ..]}. */
    void add(byte[] buffer, int offset, int n) {
        if (n >= BYTES) {
            System.arraycopy(buffer, offset + n - BYTES, tail, 0, BYTES);
            length = BYTES;
        } else {
            int keep = Math.min(length, BYTES - n);
            System.arraycopy(tail, length - keep, tail, 0, keep);
            System.arraycopy(buffer, offset, tail, keep, n);
            length = keep + n;
        }
    }

    byte[] bytes() {
        return java.util.Arrays.copyOf(tail, length);
    }

    boolean hasMarker() {
        return hasMarker(tail, length);
    }

    static boolean hasMarker(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.UTF_8).contains(COMPLETION_MARKER);
    }

    /** What a cut gzip stream means, in the words both checks use. */
    static String cutGzip(java.io.IOException truncated) {
        return "the compressed stream is cut off (" + truncated.getMessage() + "): the file is truncated";
    }
}
