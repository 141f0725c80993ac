package dev.rollback.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The rule every list of steps runs by, a plan's in the {@link Executor} and a level 4 phase's
 * inside its step: check every step (read-only) before applying any; apply them in order,
 * stopping at a step boundary when interrupted; after a failure that halts, or an interruption,
 * undo the applied steps in reverse. Steps that do not halt (verification checks) all run and every
 * failure is kept. Each outcome is recorded as a {@link StepReport}; what surrounds the sequence
 * (lock, dry-run, confirmation, journal, how an ending reads) is its caller's.
 */
public final class StepSequence {
    /**
     * The progress lines of a sequence: the executor numbers a plan's steps, a phase indents its own
     * under its line and also tells a failed undo (a plan's is in its report's undo step).
     */
    interface Narration {
        /** Writes one progress line (stderr). */
        void line(String text);

        /** Before step {@code position} (1-based) of {@code total} is applied. */
        void applying(int position, int total, Step step);

        /** Before the undo lines. */
        default String undoIndent() {
            return "";
        }

        default void failed(String message) {
            line("    failed: " + message);
        }

        default void undoing(Step step) {
            line(undoIndent() + "undo " + step.id());
        }

        default void undoFailed(Step step, String message) {
        }
    }

    /** How a sequence ended; {@code step} and {@code cause} for a refusal, a halt or an interruption. */
    public record Ending(Kind kind, Step step, Exception cause, List<String> failures) {
        public enum Kind {
            /** Every step applied without a failure. */
            COMPLETED,
            /** A check refused ({@code cause} is a {@link RollbackException}); nothing was applied. */
            REFUSED,
            /** A step that halts failed; the applied steps were undone. */
            HALTED,
            /** Every step ran, and some that do not halt failed: {@code failures}, "id: message" each. */
            CHECKS_FAILED,
            /** Interrupted before {@code step}; the applied steps were undone. */
            INTERRUPTED
        }

        /** "id: message" of the step that refused or halted. */
        public String stepMessage() {
            return step.id() + ": " + messageOf(cause);
        }

        /** The exit code a refusal or a halt carries: its {@link RollbackException}'s, else 1. */
        public int exitCode() {
            return cause instanceof RollbackException e ? e.exitCode() : ExitCode.FAILED;
        }
    }

    private final List<Step> steps;
    private final Supplier<StepContext> newContext;
    private final BooleanSupplier interrupted;
    private final Narration narration;
    private final List<StepReport> reports = new ArrayList<>();
    private final Map<Step, StepContext> checked = new LinkedHashMap<>();
    private final List<Step> applied = new ArrayList<>();

    StepSequence(List<Step> steps, Supplier<StepContext> newContext, BooleanSupplier interrupted,
                 Narration narration) {
        this.steps = List.copyOf(steps);
        this.newContext = newContext;
        this.interrupted = interrupted;
        this.narration = narration;
    }

    /**
     * Steps run by a step (a level 4 phase runs level 3's steps once the stack is up again): each
     * gets a {@link StepContext#subStep} of {@code parent}, and its progress lines go through
     * {@code parent}, indented under the step's own.
     */
    public static StepSequence inside(StepContext parent, List<Step> steps, BooleanSupplier interrupted) {
        return new StepSequence(steps, parent::subStep, interrupted, indented(parent));
    }

    /** Checks every step, then, unless one refused, applies them all. */
    public Ending run() {
        Ending refused = checkAll();
        return refused != null ? refused : applyAll();
    }

    /** Checks every step in order; the first refusal ends the sequence (the rest recorded as skipped). */
    Ending checkAll() {
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            StepContext context = newContext.get();
            long start = System.nanoTime();
            try {
                step.check(context);
                checked.put(step, context);
            } catch (RollbackException e) {
                record(step, StepStatus.FAILED, start, context.detail("error", e.getMessage()));
                skipFrom(i + 1);
                return new Ending(Ending.Kind.REFUSED, step, e, List.of());
            }
        }
        return null;
    }

    /** Under --dry-run: every checked step recorded as planned, with what its check found. */
    void recordPlanned() {
        checked.forEach((step, context) -> record(step, StepStatus.PLANNED, System.nanoTime(), context));
    }

    /** Applies the checked steps in order; see the class comment for failures and interruptions. */
    Ending applyAll() {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (interrupted.getAsBoolean()) {
                // Stop at a step boundary and put back what this run changed, as after a
                // failure: an interrupted rollback must not leave the app stopped or half-switched.
                skipFrom(i);
                undoApplied();
                return new Ending(Ending.Kind.INTERRUPTED, step, null, List.of());
            }
            narration.applying(i + 1, steps.size(), step);
            StepContext context = checked.get(step);
            long start = System.nanoTime();
            try {
                step.apply(context);
                applied.add(step);
                record(step, context.skipped() ? StepStatus.SKIPPED : StepStatus.SUCCEEDED, start, context);
            } catch (Exception e) {
                String message = messageOf(e);
                record(step, StepStatus.FAILED, start, context.detail("error", message));
                narration.failed(message);
                failures.add(step.id() + ": " + message);
                if (step.haltsOnFailure()) {
                    skipFrom(i + 1);
                    undoApplied();
                    return new Ending(Ending.Kind.HALTED, step, e, List.copyOf(failures));
                }
            }
        }
        return failures.isEmpty() ? new Ending(Ending.Kind.COMPLETED, null, null, List.of())
            : new Ending(Ending.Kind.CHECKS_FAILED, null, null, List.copyOf(failures));
    }

    /** What happened to each step so far, in order (undo steps as {@code undo:<id>}). */
    public synchronized List<StepReport> reports() {
        return List.copyOf(reports);
    }

    private void undoApplied() {
        List<Step> reverse = new ArrayList<>(applied);
        Collections.reverse(reverse);
        for (Step step : reverse) {
            if (!step.undoable()) {
                continue;
            }
            StepContext context = newContext.get();
            long start = System.nanoTime();
            narration.undoing(step);
            try {
                step.undo(context);
                recordUndo(step, StepStatus.SUCCEEDED, start, context);
            } catch (Exception e) {
                recordUndo(step, StepStatus.FAILED, start, context.detail("error", messageOf(e)));
                narration.undoFailed(step, messageOf(e));
            }
        }
    }

    private void skipFrom(int firstIndex) {
        for (Step step : steps.subList(firstIndex, steps.size())) {
            record(step, StepStatus.SKIPPED, System.nanoTime(), newContext.get());
        }
    }

    private synchronized void record(Step step, StepStatus status, long startNanos, StepContext context) {
        reports.add(new StepReport(step.id(), step.description(), status, elapsedMs(startNanos), context.details()));
    }

    private synchronized void recordUndo(Step step, StepStatus status, long startNanos, StepContext context) {
        reports.add(new StepReport("undo:" + step.id(), "undo: " + step.description(), status,
            elapsedMs(startNanos), context.details()));
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static String messageOf(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** A phase's lines, under its own: "    <description>", "    failed: …", "    undo <id>". */
    private static Narration indented(StepContext parent) {
        return new Narration() {
            @Override
            public void line(String text) {
                parent.progress(text);
            }

            @Override
            public void applying(int position, int total, Step step) {
                line("    " + step.description());
            }

            @Override
            public String undoIndent() {
                return "    ";
            }

            @Override
            public void undoFailed(Step step, String message) {
                line("    undo " + step.id() + " failed: " + message);
            }
        };
    }
}
