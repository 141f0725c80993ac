package dev.rollback.cli;

import dev.rollback.core.PrivateFiles;
import dev.rollback.core.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One warning line per run when the backups dir or the state dir already exists and other users
 * can enter it: what the tool writes there is owner-only, but an open directory shows others the
 * names and sizes of dumps and was probably made by hand. Never an error: the fix is one chmod.
 */
final class OpenDirectoriesWarning {
    private OpenDirectoriesWarning() {
    }

    private record OpenDir(String what, Path dir, String mode) {
    }

    static void print(Config config, PrintWriter err) {
        List<OpenDir> open = new ArrayList<>();
        ifOpen("backups dir", config.backupsDir()).ifPresent(open::add);
        ifOpen("state dir", config.stateDirPath()).ifPresent(open::add);
        if (open.isEmpty()) {
            return;
        }
        err.println("rollback: warning: " + String.join(" and ", open.stream()
                .map(d -> d.what() + " " + d.dir() + " is " + d.mode()).toList())
            + ", open to other users; run: chmod 700 " + String.join(" ", open.stream()
                .map(d -> d.dir().toString()).toList()));
    }

    /** The directory (a symbolic link's target) when it exists and group or others have any right on it. */
    private static Optional<OpenDir> ifOpen(String what, Path dir) {
        try {
            Path real = dir.toRealPath();
            if (Files.isDirectory(real) && PrivateFiles.openToOthers(real)) {
                return Optional.of(new OpenDir(what, dir, octal(real)));
            }
        } catch (IOException missing) {
            // created 0700 when the tool first writes there
        }
        return Optional.empty();
    }

    /** "0755": the mode as chmod writes it. */
    static String octal(Path path) throws IOException {
        int mode = 0;
        for (PosixFilePermission permission : Files.getPosixFilePermissions(path)) {
            mode |= 1 << (8 - permission.ordinal());   // OWNER_READ (ordinal 0) is 0400 ... OTHERS_EXECUTE 01
        }
        return String.format("%04o", mode);
    }
}
