package dev.rollback.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Modes on disk, for the tests of "owner-only from the first byte": what {@code find ROOT -perm
 * /go=rwx} would print, and a check that this JVM's umask would have let a careless writer
 * through (a JVM cannot change its own umask; the build runs under the usual 022).
 */
public final class FileModes {
    private FileModes() {
    }

    /** Every path under the roots (the roots included) that group or others have any right on, with its mode. */
    public static List<String> openToOthers(Path... roots) throws IOException {
        List<String> open = new ArrayList<>();
        for (Path path : openPaths(roots)) {
            open.add(path + " " + mode(path));
        }
        return open;
    }

    /** What {@code find ROOTS -perm /go=rwx} prints (symbolic links aside: their own mode means nothing). */
    public static List<Path> openPaths(Path... roots) throws IOException {
        List<Path> open = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                paths.filter(path -> !Files.isSymbolicLink(path) && PrivateFiles.openToOthers(path)).forEach(open::add);
            }
        }
        return open;
    }

    /** "rw-------": the mode of one path. */
    public static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    public static void assertOwnerOnly(Path... roots) throws IOException {
        assertThat(openToOthers(roots)).as("paths group or others can access").isEmpty();
    }

    /**
     * Skips the test unless a file created without a mode here would be readable by others (umask
     * 022 or so): under umask 077 the test could not tell the old code from the new.
     */
    public static void assumeUmaskLetsOthersRead(Path scratch) throws IOException {
        Path probe = Files.writeString(scratch.resolve(".umask-probe"), "");
        boolean open = PrivateFiles.openToOthers(probe);
        Files.delete(probe);
        Assumptions.assumeTrue(open, "the umask already keeps new files private; run under umask 022");
    }
}
