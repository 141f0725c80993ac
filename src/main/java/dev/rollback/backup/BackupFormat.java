package dev.rollback.backup;

import dev.rollback.adapters.postgres.DumpFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a backup file is, told from its content (magic bytes), not from its name. */
public enum BackupFormat {
    PLAIN, PLAIN_GZIP, CUSTOM, TAR, DIRECTORY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
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
            return DIRECTORY;
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
            return PLAIN_GZIP;
        }
        if (read >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return TAR;
        }
        return PLAIN;
    }
}
