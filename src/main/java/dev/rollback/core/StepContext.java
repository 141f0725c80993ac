package dev.rollback.core;

import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** What a running step can touch: its own report details, the plan's result, and progress lines. */
public final class StepContext {
    private final Map<String, Object> detail = new LinkedHashMap<>();
    private final Map<String, Object> result;
    private final Consumer<String> progress;
    private final RunMemory memory;
    private final Deque<AutoCloseable> held;
    private String skipReason;

    StepContext(Map<String, Object> result, Consumer<String> progress, RunMemory memory, Deque<AutoCloseable> held) {
        this.result = result;
        this.progress = progress;
        this.memory = memory;
        this.held = held;
    }

    /** A fact about this step for the report, e.g. the file written or the container stopped. */
    public StepContext detail(String key, Object value) {
        detail.put(key, value);
        return this;
    }

    /** A fact about the whole run for the report's {@code result}, e.g. the backup path. */
    public StepContext result(String key, Object value) {
        result.put(key, value);
        return this;
    }

    /**
     * A command's whole result as one record: each component becomes a key of the report's
     * {@code result}, in order, which the command reads back typed with {@link Report#result(Class)}.
     */
    public StepContext result(Record typed) {
        ResultRecord.write(typed, result);
        return this;
    }

    /** A progress line for the operator (stderr; never stdout). */
    public void progress(String line) {
        progress.accept(line);
    }

    /** What this run chose that a re-run after a crash must honour (see {@link RunMemory}). */
    public RunMemory memory() {
        return memory;
    }

    /**
     * A resource the run holds until it ends (a database lock): the executor closes it, last taken
     * first, after the last step or undo, whether the run succeeded, failed, was refused or was
     * interrupted. A check may take one: under --dry-run the run ends right after the checks.
     */
    public void hold(AutoCloseable resource) {
        held.push(resource);
    }

    /** This step found nothing to do (e.g. a service without a healthcheck): reported as skipped. */
    public void skip(String reason) {
        this.skipReason = reason;
        detail.put("reason", reason);
    }

    /**
     * A context for a step that this step runs itself (a level 4 phase runs level 3's steps once
     * the stack is up again): the same result and progress, its own details.
     */
    public StepContext subStep() {
        return new StepContext(result, progress, memory, held);
    }

    /** Whether the step said it found nothing to do. */
    public boolean skipped() {
        return skipReason != null;
    }

    /** The details recorded so far, read-only (a phase copies its sub-steps' into its own). */
    public Map<String, Object> details() {
        return java.util.Collections.unmodifiableMap(detail);
    }
}
