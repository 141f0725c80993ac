package dev.rollback.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run lock ({@code state-dir/lock}), held for a whole mutating run so two rollbacks never act
 * on one stack at once. It is a kernel lock ({@code fcntl}, through {@link FileChannel#tryLock()})
 * on a file created 0600: the kernel releases it when the holding process ends in any way, kill -9
 * and a crashed container included, so there is no stale lock and no takeover logic to get wrong.
 * A second run does not wait: it is refused (exit 3) with one line naming the holder.
 *
 * <p>The file's content only names the holder (pid, user, host, command, since), written through
 * the locked channel right after the lock is taken; it is never what decides who holds the lock. A
 * refused run gives the holder a moment to write it, then says "an unknown holder" if the content is
 * still empty or half-written. The file stays in place on release: deleting it while another
 * process has it open would let two runs lock two different files of the same name.
 *
 * <p>POSIX record locks belong to the process, and closing any descriptor of the file drops them. So
 * within one JVM the file is opened only by its holder: a second acquisition in the same JVM is
 * refused from {@link #HELD_HERE} without opening the file.
 */
public final class StateLock implements AutoCloseable {
    static final String FILE_NAME = "lock";
    /** How long a refused run waits for a holder that has just taken the lock to write its name. */
    private static final Duration HOLDER_APPEARS = Duration.ofMillis(500);
    private static final long POLL_MILLIS = 25;
    /** The lock files this JVM holds, with their holder's description. */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws exit 3 naming its holder; never waits for it. */
    public static StateLock acquire(Path stateDir, String command) {
        Path file = stateDir.resolve(FILE_NAME);
        Path key;
        FileChannel channel;
        try {
            PrivateFiles.createDirectories(stateDir);
            key = stateDir.toRealPath().resolve(FILE_NAME);
            String holderHere = HELD_HERE.get(key);
            if (holderHere != null) {
                throw heldBy(file, holderHere);
            }
            channel = PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotTake(stateDir, e);
        }
        return lockWith(stateDir, file, key, channel, command);
    }

    private static StateLock lockWith(Path stateDir, Path file, Path key, FileChannel channel, String command) {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            // Held in this JVM under another name (a link). Closing this channel would drop that
            // holder's kernel lock, so it is left open: one descriptor, and the lock keeps holding.
            throw heldBy(file, "this process (pid " + Identity.pid() + ")");
        } catch (IOException e) {
            closeQuietly(channel);
            throw cannotTake(stateDir, e);
        }
        if (lock == null) {
            String holder = holderOf(channel);
            closeQuietly(channel);
            throw heldBy(file, holder);
        }
        Map<String, Object> holder = holder(command);
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((Json.line(holder) + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            closeQuietly(channel);
            throw cannotTake(stateDir, e);
        }
        HELD_HERE.put(key, describe(Json.MAPPER.valueToTree(holder)));
        return new StateLock(key, channel, lock);
    }

    private static Map<String, Object> holder(String command) {
        Map<String, Object> holder = new LinkedHashMap<>();
        holder.put("pid", Identity.pid());
        holder.put("user", Identity.user());
        holder.put("host", Identity.host());
        holder.put("command", command);
        holder.put("startedAt", Instant.now().toString());
        return holder;
    }

    /**
     * Who holds the lock, read through this run's own channel (closing it drops no lock of ours: we
     * hold none). The holder writes its name just after locking, so an empty or half-written file
     * is read again for a moment; after that it is "an unknown holder".
     */
    private static String holderOf(FileChannel channel) {
        long deadline = System.nanoTime() + HOLDER_APPEARS.toNanos();
        while (true) {
            Optional<JsonNode> holder = readHolder(channel);
            if (holder.isPresent()) {
                return describe(holder.get());
            }
            if (System.nanoTime() > deadline) {
                return "an unknown holder";
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "an unknown holder";
            }
        }
    }

    private static Optional<JsonNode> readHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            JsonNode node = Json.MAPPER.readTree(text);
            return node != null && node.hasNonNull("pid") ? Optional.of(node) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** "pid 4711 (ops@web-1, db-restore since 2026-12-02T10:00:00Z)". */
    static String describe(JsonNode holder) {
        return "pid " + holder.path("pid").asLong() + " (" + holder.path("user").asText("?") + "@"
            + holder.path("host").asText("?") + ", " + holder.path("command").asText("?") + " since "
            + holder.path("startedAt").asText("?") + ")";
    }

    private static RollbackException heldBy(Path file, String holder) {
        return RollbackException.refused("another rollback run holds the lock " + file + ": " + holder
            + "; wait for it to finish (the lock is released when that process ends, also when it is killed)");
    }

    private static RollbackException cannotTake(Path stateDir, IOException e) {
        return RollbackException.refused("cannot take the lock in state dir " + stateDir
            + ": " + reason(e) + "; check that it exists and is writable");
    }

    /** "Read-only file system", "permission denied": not the name of a temporary file. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was locked through this channel.
        }
    }

    /** Releases the lock; the file stays, naming the last holder, for the next run to lock again. */
    @Override
    public void close() {
        HELD_HERE.remove(key);
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it too.
        }
        closeQuietly(channel);
    }
}
