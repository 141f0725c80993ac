package dev.rollback.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one way the tool creates files and directories: owner-only (0600 / 0700) from the first byte,
 * whatever the caller's umask. The permission is given to the system call that creates the file, so
 * there is no moment in which another local user could open it; nothing is chmod-ed afterwards.
 * Dumps, archives, the journal and the lock hold a whole database or its secrets.
 *
 * <p>The umask can only take bits away, and 0600/0700 have none it would need to take away for the
 * owner, so the result is exactly 0600/0700 under any umask that leaves the owner its own rights.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} and every missing parent 0700; directories that exist are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return dir;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, attribute(DIRECTORY));
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        }
        return dir;
    }

    /** Creates one new directory 0700; it must not exist. */
    public static Path createDirectory(Path dir) throws IOException {
        return Files.createDirectory(dir, attribute(DIRECTORY));
    }

    /** Creates a new, empty file 0600; it must not exist (no link is followed or replaced). */
    public static Path createFile(Path file) throws IOException {
        return Files.createFile(file, attribute(FILE));
    }

    /** A hidden temporary file 0600 beside the final one, for write-then-rename. */
    public static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
        return Files.createTempFile(dir, prefix, suffix, attribute(FILE));
    }

    /** A channel on {@code file}, created 0600 when it does not exist yet. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> set = new java.util.HashSet<>(Set.of(options));
        return FileChannel.open(file, set, attribute(FILE));
    }

    /** An output stream on a new file created 0600; refuses to replace an existing one. */
    public static OutputStream newOutputStream(Path file) throws IOException {
        FileChannel channel = open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return Channels.newOutputStream(channel);
    }

    /** Writes {@code content} to a new file created 0600; refuses to replace an existing one. */
    public static Path write(Path file, byte[] content) throws IOException {
        try (OutputStream out = newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    /**
     * Replaces {@code file} in one rename with a 0600 file holding {@code content}: a reader sees the
     * old or the new content, never half, and never a moment of a wider mode.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        Path temp = createTempFile(dir, "." + file.getFileName() + "-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** True when group or others have any permission on {@code path} (a dir others can read). */
    public static boolean openToOthers(Path path) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            EnumSet<PosixFilePermission> others = EnumSet.of(
                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
            others.retainAll(perms);
            return !others.isEmpty();
        } catch (IOException | UnsupportedOperationException unknown) {
            return false;
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
