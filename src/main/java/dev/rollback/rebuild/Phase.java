package dev.rollback.rebuild;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.core.StepReport;
import dev.rollback.core.StepSequence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A phase of level 4 made of another level's steps (level 3's restore, level 1's release switch,
 * the verification) that can only be checked once the phases before it have run: their checks
 * connect to a database or read containers that the rebuild has just brought back. So the steps
 * are built when the phase starts and run there by core's {@link StepSequence}, the executor's own
 * rule: all checked, then applied in order, each reported in this step's {@code steps} detail.
 *
 * <p>So within the phase the executor's rules hold: a failing step that halts stops the phase and
 * the phase's applied steps are undone in reverse (level 3 swaps the old database back if its own
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
        StepSequence sequence = StepSequence.inside(context, planned, cancelled);
        StepSequence.Ending ending;
        try {
            ending = sequence.run();
        } finally {
            context.detail("steps", sequence.reports().stream().map(Phase::row).toList());
        }
        switch (ending.kind()) {
            case COMPLETED -> {
            }
            case INTERRUPTED -> throw new RollbackException(ExitCode.INTERRUPTED,
                "interrupted in phase " + id + " before " + ending.step().id());
            case CHECKS_FAILED -> throw RollbackException.failed(ending.failures().size() == 1 ? ending.failures().get(0)
                : ending.failures().size() + " checks failed: " + String.join("; ", ending.failures()));
            case REFUSED, HALTED -> throw failure(ending.stepMessage(), ending.cause());
        }
    }

    /** Unreachable and interrupted keep their codes; anything else is a failure of the rebuild. */
    private static RollbackException failure(String message, Exception cause) {
        int code = cause instanceof RollbackException r
            && (r.exitCode() == ExitCode.UNREACHABLE || r.exitCode() == ExitCode.INTERRUPTED)
            ? r.exitCode() : ExitCode.FAILED;
        return new RollbackException(code, message, cause);
    }

    /** One entry of the phase's {@code steps} detail: a step's report, its error beside its detail. */
    private static Map<String, Object> row(StepReport report) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", report.id());
        row.put("description", report.description());
        row.put("status", report.status().wire());
        row.put("durationMs", report.durationMs());
        Map<String, Object> detail = new LinkedHashMap<>(report.detail());
        detail.remove("error");
        row.put("detail", detail);
        if (report.error() != null) {
            row.put("error", report.error());
        }
        return row;
    }
}
