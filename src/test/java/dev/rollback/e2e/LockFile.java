package dev.rollback.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The state dir's run lock as another process sees it: whether the kernel lock on {@code state-dir/lock}
 * is free, and a holder that keeps it (this test JVM standing in for another rollback run). Never call
 * {@link #isFree} on a file this JVM holds through {@link #hold}: closing any descriptor of a file
 * drops the process's POSIX locks on it.
 */
public final class LockFile {
    private LockFile() {
    }

    /** Whether a run could take the lock now (it is locked and released again at once). */
    public static boolean isFree(Path stateDir) {
        Path file = stateDir.resolve("lock");
        if (!file.toFile().exists()) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes the lock as a run would, and writes {@code holderJson} into the file as its holder. */
    public static AutoCloseable hold(Path stateDir, String holderJson) throws IOException {
        FileChannel channel = FileChannel.open(stateDir.resolve("lock"), StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("the lock in " + stateDir + " is already held");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((holderJson + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return channel::close;
    }
}
