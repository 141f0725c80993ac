package dev.rollback.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The run lock ({@code state-dir/lock}), held for a whole mutating run so two rollbacks never act
 * on one stack at once. The file names its holder. It appears atomically (a hard link to a
 * complete temporary file), so a reader never sees it half-written. A lock left by a process that
 * is gone (killed, machine rebooted) is taken over with a warning.
 */
public final class StateLock implements AutoCloseable {
    private final Path file;
    private final long pid;

    private StateLock(Path file, long pid) {
        this.file = file;
        this.pid = pid;
    }

    public static StateLock acquire(Path stateDir, String command, Consumer<String> warn) {
        Path file = stateDir.resolve("lock");
        Map<String, Object> holder = new LinkedHashMap<>();
        holder.put("pid", Identity.pid());
        holder.put("user", Identity.user());
        holder.put("host", Identity.host());
        holder.put("command", command);
        holder.put("startedAt", Instant.now().toString());
        try {
            Files.createDirectories(stateDir);
            Path temp = Files.createTempFile(stateDir, ".lock-", ".tmp");
            try {
                Files.writeString(temp, Json.line(holder) + "\n");
                if (!tryLink(file, temp)) {
                    takeOverIfStale(file, warn);
                    if (!tryLink(file, temp)) {
                        throw heldBy(file);
                    }
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw RollbackException.refused("cannot take the lock in state dir " + stateDir
                + ": " + reason(e) + "; check that it exists and is writable");
        }
        return new StateLock(file, Identity.pid());
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

    private static boolean tryLink(Path file, Path temp) throws IOException {
        try {
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException held) {
            return false;
        }
    }

    private static void takeOverIfStale(Path file, Consumer<String> warn) throws IOException {
        Optional<JsonNode> holder = readHolder(file);
        if (holder.isEmpty()) {
            return;
        }
        JsonNode h = holder.get();
        boolean sameHost = Identity.host().equals(h.path("host").asText());
        if (sameHost && !alive(h.path("pid").asLong(), h.path("startedAt").asText())) {
            warn.accept("taking over a stale lock of pid " + h.path("pid").asLong() + " ("
                + h.path("command").asText() + " since " + h.path("startedAt").asText()
                + "), which is no longer running");
            Files.deleteIfExists(file);
        }
    }

    /** Alive means: that pid runs and started before the lock was written (not a reused pid). */
    private static boolean alive(long pid, String lockedAt) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        try {
            Instant locked = Instant.parse(lockedAt);
            return process.get().info().startInstant().map(start -> !start.isAfter(locked.plusSeconds(1)))
                .orElse(true);
        } catch (RuntimeException unparsable) {
            return true;
        }
    }

    private static Optional<JsonNode> readHolder(Path file) {
        try {
            return Optional.of(Json.MAPPER.readTree(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static RollbackException heldBy(Path file) {
        String who = readHolder(file)
            .map(h -> "pid " + h.path("pid").asLong() + " (" + h.path("user").asText() + "@"
                + h.path("host").asText() + ", " + h.path("command").asText() + " since "
                + h.path("startedAt").asText() + ")")
            .orElse("an unknown holder");
        return RollbackException.refused("another rollback run holds the lock " + file + ": " + who
            + "; wait for it to finish, or remove the file if that process is gone");
    }

    @Override
    public void close() {
        try {
            Optional<JsonNode> holder = readHolder(file);
            if (holder.isPresent() && holder.get().path("pid").asLong() == pid) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // A lock we cannot remove is detected as stale by the next run.
        }
    }
}
