package dev.rollback.backup;

import dev.rollback.adapters.postgres.DumpFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * What a backup file is, told from its content (magic bytes), not from its name: database dumps
 * (plain, gzip'd plain, custom, tar, directory), volume archives (a gzip'd tar) and config
 * snapshots (a directory holding the image list). The name decides only where the content cannot
 * (a gzip stream too damaged to peek into).
 */
public enum BackupFormat {
    PLAIN, PLAIN_GZIP, CUSTOM, TAR, DIRECTORY, VOLUME, CONFIG;

    /** The file every config snapshot holds ({@code workdir.SnapshotFilesStep} writes it last). */
    public static final String CONFIG_IMAGE_LIST = "images.txt";
    private static final int TAR_HEADER = 512;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether it is a database dump (db-restore can restore it). */
    public boolean dump() {
        return this != VOLUME && this != CONFIG;
    }

    /** Whether pg_restore reads it (else psql does). */
    public boolean archive() {
        return this == CUSTOM || this == TAR || this == DIRECTORY;
    }

    public static BackupFormat of(DumpFormat dumpFormat) {
        return switch (dumpFormat) {
            case PLAIN -> PLAIN;
            case CUSTOM -> CUSTOM;
            case TAR -> TAR;
            case DIRECTORY -> DIRECTORY;
        };
    }

    public static BackupFormat detect(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return directory(path);
        }
        byte[] head = new byte[512];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read >= 5 && new String(head, 0, 5, StandardCharsets.US_ASCII).equals("PGDMP")) {
            return CUSTOM;
        }
        if (read >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return gzipped(path);
        }
        if (isTarHeader(head, read)) {
            return TAR;
        }
        return PLAIN;
    }

    /** pg_dump's directory format has a toc.dat; a config snapshot its image list. */
    private static BackupFormat directory(Path path) {
        if (Files.exists(path.resolve("toc.dat"))) {
            return DIRECTORY;
        }
        boolean snapshot = Files.exists(path.resolve(CONFIG_IMAGE_LIST)) || path.getFileName().toString().endsWith(".files");
        return snapshot ? CONFIG : DIRECTORY;
    }

    /** A gzip'd tar is a volume archive, anything else gzip'd a plain dump. */
    private static BackupFormat gzipped(Path path) {
        byte[] head;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
            head = in.readNBytes(TAR_HEADER);
        } catch (IOException damaged) {
            return path.getFileName().toString().endsWith(".tar.gz") ? VOLUME : PLAIN_GZIP;
        }
        return isTarHeader(head, head.length) ? VOLUME : PLAIN_GZIP;
    }

    private static boolean isTarHeader(byte[] head, int length) {
        return length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }
}
