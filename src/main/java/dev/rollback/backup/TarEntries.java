package dev.rollback.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Walks the headers of an uncompressed tar stream (512-byte blocks: POSIX ustar with its name
 * prefix, GNU long names 'L', pax 'x' paths) and skips the content through one reusable buffer, so
 * a volume of many files costs no allocation beyond each entry's name. Every header's checksum is
 * checked and every name must lie under {@code data/}, as {@code tar czf X -C / data} writes them:
 * anything else is not a volume archive, and would extract outside the volume.
 */
final class TarEntries {
    /** A tar stream that is not a volume archive; the message is the one-line reason. */
    static final class Invalid extends IOException {
        Invalid(String reason) {
            super(reason);
        }
    }

    /** What the walk counted: entries (files, directories, links) and the bytes of regular files. */
    record Counts(long entries, long contentBytes) {
    }

    private static final int BLOCK = 512;
    private static final int MAX_LONG_NAME = 64 * 1024;
    private static final String ROOT = "data";

    private final InputStream in;
    private final byte[] header = new byte[BLOCK];
    private final byte[] skipBuffer = new byte[64 * 1024];
    private String pendingName;
    private long entries;
    private long contentBytes;

    private TarEntries(InputStream in) {
        this.in = in;
    }

    /** Reads up to the end-of-archive marker (a zero block); the caller drains what follows. */
    static Counts walk(InputStream in) throws IOException {
        TarEntries walk = new TarEntries(in);
        walk.run();
        return new Counts(walk.entries, walk.contentBytes);
    }

    private void run() throws IOException {
        while (true) {
            int read = in.readNBytes(header, 0, BLOCK);
            if (read == 0 && entries == 0 && pendingName == null) {
                throw new Invalid("it holds no tar entries (a volume archive holds at least data/)");
            }
            if (read < BLOCK) {
                throw new Invalid("the tar stream ends without its end-of-archive marker: the archive is incomplete");
            }
            if (allZero()) {
                if (entries == 0) {
                    throw new Invalid("it holds no tar entries (a volume archive holds at least data/)");
                }
                return;
            }
            entry();
        }
    }

    private void entry() throws IOException {
        requireChecksum();
        char type = (char) header[156];
        long size = size();
        switch (type) {
            case 'L' -> pendingName = readName(size);
            case 'x' -> paxPath(readName(size));
            case 'K', 'g' -> skip(size, "a tar extension header");
            default -> file(type, size);
        }
    }

    private void file(char type, long size) throws IOException {
        String name = pendingName != null ? pendingName : headerName();
        pendingName = null;
        requireUnderData(name);
        entries++;
        boolean noContent = type >= '1' && type <= '6';
        if (!noContent) {
            if (type == '0' || type == '\0' || type == '7') {
                contentBytes += size;
            }
            skip(size, name);
        }
    }

    private void requireChecksum() throws Invalid {
        long stored = octal(148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i >= 148 && i < 156 ? (byte) ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new Invalid("the tar header of entry " + (entries + 1) + " is corrupt (checksum mismatch)");
        }
    }

    /** Octal, or base-256 (high bit set) for GNU sizes of 8 GiB and more. */
    private long size() throws Invalid {
        if ((header[124] & 0x80) != 0) {
            long value = 0;
            for (int i = 125; i < 136; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        return octal(124, 12);
    }

    private long octal(int offset, int length) throws Invalid {
        long value = 0;
        int end = offset + length;
        int i = offset;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        for (; i < end && header[i] != ' ' && header[i] != 0; i++) {
            if (header[i] < '0' || header[i] > '7') {
                throw new Invalid("the tar header of entry " + (entries + 1) + " is corrupt (not a number)");
            }
            value = value * 8 + (header[i] - '0');
        }
        return value;
    }

    /** ustar: prefix "/" name, when the POSIX magic says the prefix field is one (GNU uses it otherwise). */
    private String headerName() {
        String name = text(0, 100);
        boolean posix = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
            && header[261] == 'r' && header[262] == 0;
        String prefix = posix ? text(345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private String text(int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** The content of a long-name or pax header, which is small; refused when it is not. */
    private String readName(long size) throws IOException {
        if (size > MAX_LONG_NAME) {
            throw new Invalid("a tar extension header of " + size + " bytes: not a volume archive");
        }
        byte[] content = in.readNBytes((int) size);
        if (content.length < size) {
            throw new Invalid("the tar stream ends inside a long name: the archive is incomplete");
        }
        skipPadding(size);
        int end = content.length;
        while (end > 0 && content[end - 1] == 0) {
            end--;
        }
        return new String(content, 0, end, StandardCharsets.UTF_8);
    }

    /** pax records: "LENGTH key=value\n"; only the path matters here. */
    private void paxPath(String records) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                pendingName = record.substring(space + 6);
            }
        }
    }

    private void requireUnderData(String name) throws Invalid {
        boolean under = name.equals(ROOT) || name.equals(ROOT + "/") || name.startsWith(ROOT + "/");
        if (!under || ("/" + name + "/").contains("/../")) {
            throw new Invalid("entry '" + printable(name) + "' lies outside data/: not a volume archive"
                + " (rollback's are made by tar czf X -C / data)");
        }
    }

    private void skip(long size, String what) throws IOException {
        long left = size + padding(size);
        while (left > 0) {
            int n = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, left));
            if (n < 0) {
                throw new Invalid("the tar stream ends inside '" + printable(what) + "': the archive is incomplete");
            }
            left -= n;
        }
    }

    private void skipPadding(long size) throws IOException {
        int padding = (int) padding(size);
        if (in.readNBytes(skipBuffer, 0, padding) < padding) {
            throw new Invalid("the tar stream ends inside a header: the archive is incomplete");
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private boolean allZero() {
        for (byte b : header) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String name) {
        String oneLine = name.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "…";
    }
}
