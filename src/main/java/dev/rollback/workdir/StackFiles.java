package dev.rollback.workdir;

import dev.rollback.core.PrivateFiles;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
     * or deletes it when {@code content} is empty. The temporary file is created with the mode the
     * file ends with, never widened later: the mode of the file it replaces (the operator chose it;
     * the umask may narrow it, as for any new file), 0600 for a file that was not there, and always
     * 0600 for the env file, which may hold secrets.
     */
    public void write(String path, Optional<byte[]> content) throws IOException {
        Path file = workdir.resolve(path);
        if (content.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + "-",
            ".rollback-tmp", PosixFilePermissions.asFileAttribute(modeFor(path, file)));
        try {
            Files.write(temp, content.get(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Set<PosixFilePermission> modeFor(String path, Path file) throws IOException {
        if (path.equals(envFile) || !Files.isRegularFile(file)) {
            return PrivateFiles.FILE;
        }
        return Files.getPosixFilePermissions(file);
    }
}
