package dev.rollback.inputs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a directory tree holds: every file and directory with a digest of its content. Two states
 * compare equal when nothing was written, renamed, created or deleted under the root.
 */
record TreeState(Map<String, String> entries) {

    /** The tree under {@code root}, without the entries named in {@code ignored} (relative paths). */
    static TreeState of(Path root, String... ignored) {
        Map<String, String> entries = new TreeMap<>();
        if (!Files.exists(root)) {
            return new TreeState(entries);
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String relative = root.relativize(path).toString();
                if (!Stream.of(ignored).anyMatch(relative::equals)) {
                    entries.put(relative, Files.isDirectory(path) ? "dir" : digest(path));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TreeState(entries);
    }

    private static String digest(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
