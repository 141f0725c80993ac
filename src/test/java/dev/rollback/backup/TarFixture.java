package dev.rollback.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Builds tar.gz files in memory for tests: ustar headers, GNU long names ('L') and pax paths
 * ('x'), so the inspector is tested on exactly the bytes each case needs.
 */
public final class TarFixture {
    private static final int BLOCK = 512;
    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    private TarFixture() {
    }

    /** A volume archive as {@code tar czf X -C / data} starts it: the {@code data/} directory. */
    public static TarFixture volume() {
        return empty().dir("data/");
    }

    /** No entries at all. */
    public static TarFixture empty() {
        return new TarFixture();
    }

    public TarFixture dir(String name) {
        header(name, '5', 0, "0000755");
        return this;
    }

    public TarFixture file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public TarFixture file(String name, byte[] content) {
        header(name, '0', content.length, "0000644");
        data(content);
        return this;
    }

    /** A name longer than the 100 bytes of a header: a GNU 'L' entry, then the file. */
    public TarFixture longNamedFile(String name, String content) {
        byte[] longName = (name + "\0").getBytes(StandardCharsets.UTF_8);
        header("././@LongLink", 'L', longName.length, "0000644");
        data(longName);
        return file(name.substring(0, 99), content);
    }

    /** A pax extended header naming the path, then the file under a short placeholder name. */
    public TarFixture paxNamedFile(String path, String content) {
        String record = "path=" + path + "\n";
        int length = record.length() + 3;
        String records = (length + String.valueOf(length).length() - 2) + " " + record;
        byte[] bytes = records.getBytes(StandardCharsets.UTF_8);
        header("PaxHeaders/x", 'x', bytes.length, "0000644");
        data(bytes);
        return file("data/placeholder", content);
    }

    /** The uncompressed tar, with its end-of-archive marker. */
    public byte[] tar() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(tar.toByteArray());
        copy.writeBytes(new byte[2 * BLOCK]);
        return copy.toByteArray();
    }

    public byte[] tarGz() {
        return gzip(tar());
    }

    public Path write(Path file) {
        try {
            return Files.write(file, tarGz());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void header(String name, char type, long size, String mode) {
        byte[] header = new byte[BLOCK];
        put(header, 0, name, 100);
        put(header, 100, mode + "\0", 8);
        put(header, 108, "0000000\0", 8);
        put(header, 116, "0000000\0", 8);
        put(header, 124, String.format("%011o\0", size), 12);
        put(header, 136, String.format("%011o\0", 1_700_000_000L), 12);
        header[156] = (byte) type;
        put(header, 257, "ustar\0", 6);
        put(header, 263, "00", 2);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o\0 ", sum), 8);
        tar.writeBytes(header);
    }

    private void data(byte[] content) {
        tar.writeBytes(content);
        tar.writeBytes(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
    }

    private static void put(byte[] header, int offset, String value, int length) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }
}
