package dev.rollback.release;

import dev.rollback.adapters.git.GitRepository;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * What a release records besides images: the deploy target, the git commit of the workdir (null
 * when it is not a git checkout) and the hash of the compose file as written.
 */
public record StackFacts(String target, String gitCommit, String composeFileSha256) {

    public static StackFacts read(String target, Supplier<GitRepository> git, Path composeFile) {
        return new StackFacts(target, commitOf(git), sha256(composeFile));
    }

    private static String commitOf(Supplier<GitRepository> git) {
        try {
            return git.get().head();
        } catch (RollbackException notARepository) {
            return null;
        }
    }

    static String sha256(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
