package dev.rollback.backup;

import dev.rollback.adapters.postgres.DumpFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * What a backup file is, told from its content (magic bytes), not from its name: database dumps
 * (plain, gzip'd plain, custom, tar, directory), volume archives (a gzip'd tar) and config
 * snapshots (a directory holding the image list), and incident bundles (a gzip'd tar whose entries
 * sit under {@code incident_YYYYMMDD_HHMMSS/}). The name decides only where the content cannot
 * (a gzip stream too damaged to peek into).
 */
public enum BackupFormat {
    PLAIN, PLAIN_GZIP, CUSTOM, TAR, DIRECTORY, VOLUME, CONFIG, INCIDENT;

    /** The file every config snapshot holds ({@code workdir.SnapshotFilesStep} writes it last). */
    public static final String CONFIG_IMAGE_LIST = "images.txt";
    private static final int TAR_HEADER = 512;
    /** The first entry of an incident bundle ({@code incident.IncidentStep}). */
    private static final Pattern INCIDENT_ENTRY =
        Pattern.compile("incident_\\d{8}_\\d{6}/");

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether it is a database dump (db-restore can restore it). */
    public boolean dump() {
        return this != VOLUME && this != CONFIG && this != INCIDENT;
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

    /** A gzip'd tar is a volume archive or an incident bundle, anything else gzip'd a plain dump. */
    private static BackupFormat gzipped(Path path) {
        byte[] head;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
            head = in.readNBytes(TAR_HEADER);
        } catch (IOException damaged) {
            return path.getFileName().toString().endsWith(".tar.gz") ? VOLUME : PLAIN_GZIP;
        }
        if (!isTarHeader(head, head.length)) {
            return PLAIN_GZIP;
        }
        return INCIDENT_ENTRY.matcher(new String(head, 0, 100, StandardCharsets.US_ASCII)).lookingAt() ? INCIDENT : VOLUME;
    }

    private static boolean isTarHeader(byte[] head, int length) {
        return length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }
}
