package dev.rollback.incident;

import dev.rollback.core.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip'd POSIX (ustar) tar of regular files, enough for a bundle a human opens with
 * {@code tar xzf}. Entry names are made by the bundle (short, ASCII), so no long-name extensions.
 */
final class TarGz {
    private static final int BLOCK = 512;
    private static final int NAME_LENGTH = 100;

    private TarGz() {
    }

    /** Writes every entry under {@code top/} to a new file, owner-only (0600) from its creation. */
    static void write(Path target, String top, Map<String, byte[]> entries, long mtimeSeconds) throws IOException {
        try (OutputStream file = PrivateFiles.newOutputStream(target);
             GZIPOutputStream gzip = new GZIPOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                gzip.write(header(top + "/" + entry.getKey(), entry.getValue().length, mtimeSeconds));
                gzip.write(entry.getValue());
                gzip.write(new byte[padding(entry.getValue().length)]);
            }
            gzip.write(new byte[2 * BLOCK]);
        }
    }

    /** Reads the archive to its end: a bundle is renamed into place only once it reads back whole. */
    static void requireReadable(Path archive) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    static byte[] header(String name, long size, long mtimeSeconds) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > NAME_LENGTH) {
            throw new IllegalArgumentException("tar entry name longer than " + NAME_LENGTH + " bytes: " + name);
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(bytes, 0, header, 0, bytes.length);
        octal(header, 100, 8, 0600);   // unpacked, the files stay owner-only too
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, mtimeSeconds);
        header[156] = '0';
        ascii(header, 257, "ustar\0");
        ascii(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);   // six digits and a NUL, the space after stays
        return header;
    }

    private static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    /** Zero-padded octal digits and a terminating NUL in a field of {@code length} bytes. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        ascii(header, offset, digits);
        header[offset + length - 1] = 0;
    }

    private static void ascii(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
