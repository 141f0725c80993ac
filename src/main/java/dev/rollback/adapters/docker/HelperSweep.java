package dev.rollback.adapters.docker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Helper containers this process created and has not removed yet, removed when the JVM exits. A probe
 * abandoned at a gate's deadline goes on in a daemon thread, and {@code System.exit} stops that thread
 * before its {@code finally} removes the container: the run would end with its probe still in the
 * proxy's network namespace. Each container is removed once, by whichever comes first.
 */
final class HelperSweep {
    private static final Map<String, Runnable> LEFT = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(HelperSweep::removeAll, "rollback-helper-sweep"));
    }

    private HelperSweep() {
    }

    /** {@code remove} runs at exit unless {@link #remove} ran first. */
    static void created(String id, Runnable remove) {
        LEFT.put(id, remove);
    }

    /** Removes the container now, unless the exit sweep already did. */
    static void remove(String id) {
        Runnable remove = LEFT.remove(id);
        if (remove != null) {
            remove.run();
        }
    }

    private static void removeAll() {
        List.copyOf(LEFT.keySet()).forEach(HelperSweep::remove);
    }
}
