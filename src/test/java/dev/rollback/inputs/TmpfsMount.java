package dev.rollback.inputs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted over a directory, read-only or with a size limit, for the read-only state
 * dir and the full disk. Root can write through file modes, so a mount is the honest way to make
 * a directory unwritable. Without the right to mount (not root, no CAP_SYS_ADMIN) the case is
 * skipped with that reason.
 */
final class TmpfsMount implements AutoCloseable {
    private final Path dir;

    private TmpfsMount(Path dir) {
        this.dir = dir;
    }

    /** {@code dir} becomes an empty read-only file system until {@link #close}. */
    static TmpfsMount over(Path dir) {
        return mount(dir, "ro,size=64k");
    }

    /** {@code dir} becomes an empty file system of {@code size} (e.g. {@code 1m}) until {@link #close}. */
    static TmpfsMount small(Path dir, String size) {
        return mount(dir, "size=" + size);
    }

    private static TmpfsMount mount(Path dir, String options) {
        // mode=0700: a tmpfs root is 1777 by default, and an open state or backups dir gets a warning line.
        int code = run(List.of("mount", "-t", "tmpfs", "-o", options + ",mode=0700", "tmpfs", dir.toString()));
        assumeTrue(code == 0, "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): case skipped");
        return new TmpfsMount(dir);
    }

    @Override
    public void close() {
        run(List.of("umount", dir.toString()));
    }

    private static int run(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
