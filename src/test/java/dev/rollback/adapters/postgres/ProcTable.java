package dev.rollback.adapters.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code ps} would show: every process's command line from /proc, as other users on the
 * machine could read it. Processes may end while being read; those are skipped.
 */
final class ProcTable {
    private static final Path PROC = Path.of("/proc");

    record Proc(long pid, List<String> argv) {
        String commandLine() {
            return String.join(" ", argv);
        }
    }

    private ProcTable() {
    }

    static List<Proc> all() {
        List<Proc> procs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(PROC)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                List<String> argv = nulSeparated(dir.resolve("cmdline"));
                if (!argv.isEmpty()) {
                    procs.add(new Proc(Long.parseLong(dir.getFileName().toString()), argv));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return procs;
    }

    /** The environment of a process (readable for our own children). */
    static List<String> environment(long pid) {
        return nulSeparated(PROC.resolve(Long.toString(pid)).resolve("environ"));
    }

    private static List<String> nulSeparated(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\0"));
        } catch (IOException e) {
            return List.of(); // the process ended, or is not ours to read
        }
    }
}
