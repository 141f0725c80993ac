package dev.rollback.inputs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Samples the argv of every process started while it runs, from {@code /proc/<pid>/cmdline}, every
 * ~20 ms: a child is read again on each poll while it lives, so the argv after its exec (not only
 * the forked parent's) is seen. Processes in containers are host processes too, so helpers and
 * {@code docker exec} children are sampled as well. A process that lives less than a poll may be
 * missed; that is the limit of sampling.
 */
final class ArgvSampler implements AutoCloseable {
    private static final Path PROC = Path.of("/proc");
    private final Set<String> before;
    private final Map<String, Set<String>> argvs = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private ArgvSampler() {
        this.before = pids();
        this.thread = new Thread(this::poll, "argv-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static ArgvSampler start() {
        return new ArgvSampler();
    }

    private void poll() {
        while (running) {
            for (String pid : pids()) {
                if (!before.contains(pid)) {
                    String argv = cmdline(pid);
                    if (!argv.isEmpty()) {
                        synchronized (argvs) {
                            argvs.computeIfAbsent(pid, key -> new LinkedHashSet<>()).add(argv);
                        }
                    }
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every distinct argv seen, arguments separated by spaces. */
    List<String> argvs() {
        synchronized (argvs) {
            List<String> all = new ArrayList<>();
            argvs.values().forEach(all::addAll);
            return all;
        }
    }

    int processes() {
        synchronized (argvs) {
            return argvs.size();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<String> pids() {
        try (Stream<Path> entries = Files.list(PROC)) {
            Set<String> pids = new HashSet<>();
            entries.map(path -> path.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                .forEach(pids::add);
            return pids;
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static String cmdline(String pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(pid).resolve("cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | SecurityException gone) {
            return "";
        }
    }
}
