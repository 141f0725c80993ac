package dev.rollback.core;

import java.util.function.Consumer;

/**
 * A seam for the fault tests (kill -9 at a chosen step boundary): with the JVM property
 * {@code rollback.fault.pauseBefore=<step id>} the executor announces "fault seam: paused before
 * <id>" on stderr and waits there, so a test can kill the process at exactly that point. Unset in
 * every normal run; nothing else reads it.
 */
final class FaultSeam {
    static final String PROPERTY = "rollback.fault.pauseBefore";

    private FaultSeam() {
    }

    static void pauseBefore(Step step, Consumer<String> progress) {
        if (step.id().equals(System.getProperty(PROPERTY))) {
            progress.accept("fault seam: paused before " + step.id());
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
