package dev.rollback.workdir;

import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files that say what the stack runs: the compose file and the env file, as paths relative
 * to the workdir (the top of the git checkout). The env file may be absent everywhere.
 */
public record StackFiles(Path workdir, String composeFile, String envFile) {

    /** The compose file, then the env file when one is configured. */
    public List<String> paths() {
        List<String> paths = new ArrayList<>(List.of(composeFile));
        if (envFile != null) {
            paths.add(envFile);
        }
        return paths;
    }

    /** A file's bytes in the workdir now, empty when it does not exist. */
    public Optional<byte[]> current(String path) {
        Path file = workdir.resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw RollbackException.refused("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Replaces a workdir file in one rename (a reader sees the old or the new file, never half),
     * or deletes it when {@code content} is empty. Env files may hold secrets: written owner-only.
     */
    public void write(String path, Optional<byte[]> content) throws IOException {
        Path file = workdir.resolve(path);
        if (content.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Path temp = file.resolveSibling("." + file.getFileName() + ".rollback-tmp");
        Files.write(temp, content.get());
        if (path.equals(envFile)) {
            setOwnerOnly(temp);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void setOwnerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                Files.isDirectory(file) ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: its own defaults apply
        }
    }
}
