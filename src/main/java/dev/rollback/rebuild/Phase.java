package dev.rollback.rebuild;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A phase of level 4 made of another level's steps (level 3's restore, level 1's release switch,
 * seed 004's verification) that can only be checked once the phases before it have run: their
 * checks connect to a database or read containers that the rebuild has just brought back. So the
 * steps are built and checked when the phase starts, then applied in order, each reported in
 * this step's {@code steps} detail.
 *
 * <p>Within the phase the executor's rules hold: a failing step that halts stops the phase and the
 * phase's applied steps are undone in reverse (level 3 swaps the old database back if its own
 * verification fails); checks that do not halt all run and all failures are reported. A phase is
 * not undone when a later phase fails: a rebuilt server cannot be un-rebuilt, and the report says
 * what state the stack is in. A refusal inside a phase is exit 1, not 3: by then the stack has changed.
 */
final class Phase implements Step {
    private final String id;
    private final String description;
    private final Supplier<List<Step>> steps;
    private final BooleanSupplier cancelled;

    Phase(String id, String description, Supplier<List<Step>> steps, BooleanSupplier cancelled) {
        this.id = id;
        this.description = description;
        this.steps = steps;
        this.cancelled = cancelled;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void check(StepContext context) {
        context.detail("checkedWhen", "its steps are checked when the phase starts, after the phases before it");
    }

    @Override
    public void apply(StepContext context) {
        List<Step> planned = steps.get();
        if (planned.isEmpty()) {
            context.skip("nothing to do in this phase");
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        context.detail("steps", rows);
        List<Step> applied = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Step step : planned) {
            if (cancelled.getAsBoolean()) {
                undo(applied, context);
                throw new RollbackException(ExitCode.INTERRUPTED, "interrupted in phase " + id + " before " + step.id());
            }
            StepContext sub = context.subStep();
            long start = System.nanoTime();
            try {
                step.check(sub);
                context.progress("    " + step.description());
                step.apply(sub);
                applied.add(step);
                rows.add(row(step, sub.skipped() ? "skipped" : "succeeded", start, sub));
            } catch (Exception e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                rows.add(row(step, "failed", start, sub));
                rows.get(rows.size() - 1).put("error", message);
                context.progress("    failed: " + message);
                if (step.haltsOnFailure()) {
                    undo(applied, context);
                    throw failure(step.id() + ": " + message, e);
                }
                failures.add(step.id() + ": " + message);
            }
        }
        if (!failures.isEmpty()) {
            throw RollbackException.failed(failures.size() == 1 ? failures.get(0)
                : failures.size() + " checks failed: " + String.join("; ", failures));
        }
    }

    private static void undo(List<Step> applied, StepContext context) {
        for (int i = applied.size() - 1; i >= 0; i--) {
            Step step = applied.get(i);
            if (step.undoable()) {
                context.progress("    undo " + step.id());
                try {
                    step.undo(context.subStep());
                } catch (Exception e) {
                    context.progress("    undo " + step.id() + " failed: " + e.getMessage());
                }
            }
        }
    }

    /** Unreachable and interrupted keep their codes; anything else is a failure of the rebuild. */
    private static RollbackException failure(String message, Exception cause) {
        int code = cause instanceof RollbackException r
            && (r.exitCode() == ExitCode.UNREACHABLE || r.exitCode() == ExitCode.INTERRUPTED)
            ? r.exitCode() : ExitCode.FAILED;
        return new RollbackException(code, message, cause);
    }

    private static Map<String, Object> row(Step step, String status, long startNanos, StepContext sub) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", step.id());
        row.put("description", step.description());
        row.put("status", status);
        row.put("durationMs", (System.nanoTime() - startNanos) / 1_000_000);
        row.put("detail", new LinkedHashMap<>(sub.details()));
        return row;
    }
}
