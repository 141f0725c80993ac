package dev.rollback.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGINT/SIGTERM handling. The first signal asks the executor to stop at the next step boundary
 * (the running step finishes, so nothing is left half-done); a second one stops at once through
 * {@code onForce}, which records the run in the journal before the process ends.
 */
public final class Interruption {
    private final AtomicInteger signals = new AtomicInteger();
    private volatile Runnable onForce = () -> { };
    private volatile Consumer<String> notice = line -> { };

    /** An interruption that only a test (or {@link #request}) triggers. */
    public static Interruption manual() {
        return new Interruption();
    }

    /** Installs handlers for SIGINT and SIGTERM in this JVM. */
    public static Interruption fromSignals(Consumer<String> notice) {
        Interruption interruption = new Interruption();
        interruption.notice = notice;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> interruption.request());
            } catch (IllegalArgumentException unsupported) {
                // Signal not available on this platform; the JVM default stays.
            }
        }
        return interruption;
    }

    public void request() {
        if (signals.incrementAndGet() == 1) {
            notice.accept("interrupt received: finishing the current step, then stopping "
                + "(interrupt again to stop at once)");
        } else {
            onForce.run();
        }
    }

    public boolean requested() {
        return signals.get() > 0;
    }

    void onForce(Runnable action) {
        this.onForce = action;
    }
}
