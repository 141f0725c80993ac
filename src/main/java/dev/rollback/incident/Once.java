package dev.rollback.incident;

import java.util.function.Supplier;

/**
 * A supplier asked once: its value or its failure is kept, so five collectors that need the
 * Docker daemon wait for one unanswered ping, not five.
 */
final class Once<T> implements Supplier<T> {
    private final Supplier<T> source;
    private boolean asked;
    private T value;
    private RuntimeException failure;

    Once(Supplier<T> source) {
        this.source = source;
    }

    @Override
    public synchronized T get() {
        if (!asked) {
            asked = true;
            try {
                value = source.get();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
