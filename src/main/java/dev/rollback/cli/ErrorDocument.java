package dev.rollback.cli;

import dev.rollback.core.ExitCode;
import dev.rollback.core.Json;
import dev.rollback.core.Report;
import dev.rollback.core.ReportError;
import dev.rollback.core.RollbackException;
import dev.rollback.core.RunStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON document for a run that ended before a plan could run (bad usage, bad config, a
 * dependency down): scripts reading stdout under {@code -o json} always get exactly one document.
 */
final class ErrorDocument {
    private ErrorDocument() {
    }

    static String of(String command, RollbackException error, Clock clock) {
        Instant now = clock.instant();
        RunStatus status = error.exitCode() == ExitCode.FAILED ? RunStatus.FAILED : RunStatus.REFUSED;
        Report report = new Report(command, null, status, false, now, now, 0, List.of(), Map.of(),
            new ReportError(error.exitCode(), error.getMessage()));
        return Json.pretty(report);
    }
}
