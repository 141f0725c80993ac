package dev.rollback.cli;

import dev.rollback.cli.ExecutedPlan.ExecutedRun;
import dev.rollback.core.ExitCode;
import dev.rollback.core.Report;
import dev.rollback.core.ReportError;
import dev.rollback.core.RollbackException;
import dev.rollback.core.RunStatus;
import dev.rollback.core.StepReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one report of a {@code watch} that judged the deploy bad (or of its dry run): the watch's
 * step, then the rollback's and verify's steps ({@code redeploy:switch-images}, {@code verify:http-api});
 * {@code result} is the watch's (verdict, rounds, failed rounds) plus {@code rollback} and
 * {@code verify}, each the nested outcome of that run (command, level, status, result, error), and
 * {@code rollbackSucceeded}. Exit 1 whatever the rollback did (the deploy was bad), 130 when the
 * rollback or verify was interrupted. Each run is journaled as itself, the watch first.
 */
final class WatchReport {
    static final String ROLLBACK = "rollback";
    static final String VERIFY = "verify";
    static final String ROLLBACK_SUCCEEDED = "rollbackSucceeded";

    private WatchReport() {
    }

    /** The watch found the deploy bad, {@code rollback} ran, then {@code verify} (null when the rollback did not succeed). */
    static Report afterBadDeploy(Report watched, Report rollback, Report verify) {
        boolean rolledBack = rollback.status() == RunStatus.SUCCEEDED;
        boolean interrupted = rollback.status() == RunStatus.INTERRUPTED
            || (verify != null && verify.status() == RunStatus.INTERRUPTED);
        String outcome = rolledBack
            ? "rolled back with " + rollback.command() + (verify == null ? ""
                : verify.error() == null ? ", and verify passed" : ", but verify failed: " + verify.error().message())
            : "the rollback (" + rollback.command() + ") " + rollback.status().wire()
                + (rollback.error() == null ? "" : ": " + rollback.error().message());
        ReportError error = new ReportError(interrupted ? ExitCode.INTERRUPTED : ExitCode.FAILED,
            watched.error().message() + "; " + outcome);
        Map<String, Object> result = new LinkedHashMap<>(watched.result());
        result.put(ROLLBACK, ExecutedRun.of(rollback));
        result.put(VERIFY, verify == null ? null : ExecutedRun.of(verify));
        result.put(ROLLBACK_SUCCEEDED, rolledBack);
        Report last = verify != null ? verify : rollback;
        return new Report(watched.command(), watched.level(), interrupted ? RunStatus.INTERRUPTED : RunStatus.FAILED,
            false, watched.startedAt(), last.finishedAt(), elapsed(watched, last), steps(watched, rollback, verify),
            result, error);
    }

    /** --dry-run: what the watch would probe, and the rollback it would run, planned (or refused) now. */
    static Report planned(Report watched, Report rollback) {
        Map<String, Object> result = new LinkedHashMap<>(watched.result());
        result.put(ROLLBACK, ExecutedRun.of(rollback));
        return new Report(watched.command(), watched.level(), rollback.status(), true, watched.startedAt(),
            rollback.finishedAt(), elapsed(watched, rollback), steps(watched, rollback, null), result, rollback.error());
    }

    /** A run that stopped before its executor started (its plan could not be built): refused, with its exit code. */
    static Report notStarted(String command, boolean dryRun, RollbackException e, Clock clock) {
        Instant now = clock.instant();
        return new Report(command, null, e.exitCode() == ExitCode.FAILED ? RunStatus.FAILED : RunStatus.REFUSED, dryRun,
            now, now, 0, List.of(), Map.of(), new ReportError(e.exitCode(), e.getMessage()));
    }

    private static List<StepReport> steps(Report watched, Report rollback, Report verify) {
        List<StepReport> steps = new ArrayList<>(watched.steps());
        steps.addAll(ExecutedPlan.prefixedSteps(rollback));
        if (verify != null) {
            steps.addAll(ExecutedPlan.prefixedSteps(verify));
        }
        return steps;
    }

    private static long elapsed(Report first, Report last) {
        return Math.max(first.durationMs(), Duration.between(first.startedAt(), last.finishedAt()).toMillis());
    }
}
