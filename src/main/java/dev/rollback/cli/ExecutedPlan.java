package dev.rollback.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollback.core.Report;
import dev.rollback.core.ReportError;
import dev.rollback.core.RollbackException;
import dev.rollback.core.RunStatus;
import dev.rollback.core.StepReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one report of {@code plan --execute}: the probes, then the executed command's steps (ids
 * prefixed with the command, {@code redeploy:select-release}); status, error and exit code are the
 * executed command's, so a CI job reads the rollback's outcome; {@code result.executed} holds its
 * result. The executed run is journaled as itself, by the executor.
 */
final class ExecutedPlan {
    /** The key of {@link ExecutedRun} in the combined report's result; null when --execute was refused. */
    static final String EXECUTED = "executed";

    /**
     * What {@code plan --execute} (or {@code watch}) ran, in short; its steps are in the combined
     * report's steps. {@code error} is its error, absent when it succeeded.
     */
    record ExecutedRun(String command, Integer level, RunStatus status, long durationMs, Map<String, Object> result,
                       @JsonInclude(JsonInclude.Include.NON_NULL) ReportError error) {
        static ExecutedRun of(Report run) {
            return new ExecutedRun(run.command(), run.level(), run.status(), run.durationMs(), run.result(), run.error());
        }
    }

    private ExecutedPlan() {
    }

    static Report combine(Report advice, Report executed) {
        List<StepReport> steps = new ArrayList<>(advice.steps());
        steps.addAll(prefixedSteps(executed));
        Map<String, Object> result = new LinkedHashMap<>(advice.result());
        result.put(EXECUTED, ExecutedRun.of(executed));
        return new Report(advice.command(), executed.level(), executed.status(), executed.dryRun(), advice.startedAt(),
            executed.finishedAt(), advice.durationMs() + executed.durationMs(), steps, result, executed.error());
    }

    /** A run's steps as another command's report lists them: ids prefixed with its command, {@code redeploy:switch-images}. */
    static List<StepReport> prefixedSteps(Report run) {
        return run.steps().stream().map(step -> new StepReport(run.command() + ":" + step.id(), step.description(),
            step.status(), step.durationMs(), step.detail())).toList();
    }

    /** --execute could not start the recommended command: nothing was changed. */
    static Report refused(Report advice, RollbackException e, Clock clock) {
        Map<String, Object> result = new LinkedHashMap<>(advice.result());
        result.put(EXECUTED, null);
        long elapsed = Math.max(advice.durationMs(), Duration.between(advice.startedAt(), clock.instant()).toMillis());
        return new Report(advice.command(), advice.level(), RunStatus.REFUSED, advice.dryRun(), advice.startedAt(),
            clock.instant(), elapsed, advice.steps(), result, new ReportError(e.exitCode(), e.getMessage()));
    }
}
