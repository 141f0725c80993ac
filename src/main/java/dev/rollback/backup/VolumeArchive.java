package dev.rollback.backup;

import dev.rollback.core.RollbackException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A verified volume archive ({@code <volume>_YYYYMMDD_HHMMSS.tar.gz}): read to its very end in
 * Java, no container needed, before a restore touches a volume and after a backup wrote one.
 * Reading the whole gzip stream makes {@link GZIPInputStream} check the CRC and length in its
 * trailer, so a truncated or corrupted file is caught; the tar headers are walked by
 * {@link TarEntries}. The SHA-256 is of the file as stored, for the report and for comparing
 * copies.
 *
 * @param entries      files, directories and links in the archive, {@code data/} included
 * @param contentBytes the bytes of the regular files, uncompressed
 * @param archiveBytes the size of the .tar.gz file
 */
public record VolumeArchive(Path path, long entries, long contentBytes, long archiveBytes, String sha256) {
    public static final String EXTENSION = ".tar.gz";
    private static final int BUFFER = 64 * 1024;

    /**
     * Reads and checks the archive. Refuses (exit 3) with a one-line reason when it is missing,
     * truncated, corrupt, not gzip'd, not a tar, or holds entries outside {@code data/}.
     */
    public static VolumeArchive read(Path path) {
        try {
            return verify(path);
        } catch (NoSuchFileException e) {
            throw RollbackException.refused("volume archive " + path + " not found");
        } catch (TarEntries.Invalid e) {
            throw unusable(path, e.getMessage());
        } catch (EOFException e) {
            throw unusable(path, "the gzip stream is cut off: the file is truncated");
        } catch (ZipException e) {
            throw unusable(path, "Not in GZIP format".equals(e.getMessage()) ? "it is not gzip-compressed"
                : "the gzip stream is corrupt (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw RollbackException.refused("cannot read volume archive " + path + ": " + e.getMessage());
        }
    }

    private static VolumeArchive verify(Path path) throws IOException {
        MessageDigest sha256 = newDigest();
        try (InputStream file = new DigestInputStream(Files.newInputStream(path), sha256);
             GZIPInputStream tar = new GZIPInputStream(file, BUFFER)) {
            TarEntries.Counts counts = TarEntries.walk(tar);
            byte[] buffer = new byte[BUFFER];
            while (tar.read(buffer) >= 0) {
                // the zero padding after the end-of-archive marker, then the gzip trailer (CRC, length)
            }
            while (file.read(buffer) >= 0) {
                // whatever follows the gzip stream still counts for the checksum of the file
            }
            return new VolumeArchive(path, counts.entries(), counts.contentBytes(), Files.size(path),
                HexFormat.of().formatHex(sha256.digest()));
        }
    }

    private static RollbackException unusable(Path path, String reason) {
        return RollbackException.refused("volume archive " + path + " is not usable: " + reason);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The same archive after a rename (the partial file published under its final name). */
    public VolumeArchive movedTo(Path target) {
        return new VolumeArchive(target, entries, contentBytes, archiveBytes, sha256);
    }

    /** For reports: file, sizes, entries, checksum. */
    public Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("file", path.toString());
        detail.put("sizeBytes", archiveBytes);
        detail.put("entries", entries);
        detail.put("contentBytes", contentBytes);
        detail.put("sha256", sha256);
        return detail;
    }
}
