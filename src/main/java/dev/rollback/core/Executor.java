package dev.rollback.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a {@link Plan}. It owns everything steps must not care about: the lock, the check phase,
 * dry-run, confirmation, timing, undo after a failure, interruption, the report and the journal.
 *
 * <p>Order: take the lock (mutating plans) → check every step (read-only) → under --dry-run stop
 * here with the plan → confirm destructive steps → apply in order, stopping at a step boundary
 * when interrupted → on a failure or an interruption, undo the applied steps in reverse → journal the report.
 */
public final class Executor {
    /** What the operator asked for on the command line. */
    public record Options(boolean dryRun, boolean assumeYes) {
    }

    private final Path stateDir;
    private final Confirmer confirmer;
    private final Interruption interruption;
    private final Consumer<String> progress;
    private final Clock clock;

    public Executor(Path stateDir, Confirmer confirmer, Interruption interruption,
                    Consumer<String> progress, Clock clock) {
        this.stateDir = stateDir;
        this.confirmer = confirmer;
        this.interruption = interruption;
        this.progress = progress;
        this.clock = clock;
    }

    public Report run(Plan plan, Options options) {
        return new Run(plan, options).execute();
    }

    /** The state of one execution; lives as long as {@link #run}. */
    private final class Run {
        private final Plan plan;
        private final Options options;
        private final Instant startedAt = clock.instant();
        private final long startedNanos = System.nanoTime();
        private final Map<String, Object> result = new LinkedHashMap<>();
        private final List<StepReport> reports = new ArrayList<>();
        private final Map<Step, StepContext> checked = new LinkedHashMap<>();
        private final List<Step> applied = new ArrayList<>();
        private RunMemory memory = RunMemory.none();

        Run(Plan plan, Options options) {
            this.plan = plan;
            this.options = options;
        }

        /** The state dir holds the journal, the ledger and the lock: created 0700 (a no-op when it exists). */
        private void createStateDir() {
            try {
                PrivateFiles.createDirectories(stateDir);
            } catch (IOException e) {
                throw RollbackException.refused("cannot create the state dir " + stateDir + ": " + e.getMessage()
                    + "; check that its parent exists and is writable");
            }
        }

        Report execute() {
            boolean locking = plan.mutating() && !options.dryRun();
            StateLock lock = null;
            try {
                if (locking) {
                    createStateDir();
                    lock = StateLock.acquire(stateDir, plan.command(), progress);
                }
                if (plan.mutating()) {
                    memory = RunMemory.open(stateDir, plan.command(), locking, progress);
                }
                interruption.onForce(this::abortNow);
                Report report = checkThenApply();
                journal(report, false);
                return report;
            } catch (RollbackException refused) {
                Report report = finish(statusFor(refused), refused.exitCode(), refused.getMessage());
                // Without the lock, its message is the one line; when the state dir cannot be
                // written, a warning that the journal cannot be written either adds nothing.
                journal(report, locking && lock == null);
                return report;
            } finally {
                if (lock != null) {
                    lock.close();
                }
            }
        }

        private Report checkThenApply() {
            List<Step> steps = plan.steps();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                StepContext context = newContext();
                long start = System.nanoTime();
                try {
                    step.check(context);
                    checked.put(step, context);
                } catch (RollbackException e) {
                    record(step, StepStatus.FAILED, start, context.detail("error", e.getMessage()));
                    skipFrom(i + 1);
                    return finish(RunStatus.REFUSED, e.exitCode(), step.id() + ": " + e.getMessage());
                }
            }
            if (options.dryRun()) {
                checked.forEach((step, context) -> record(step, StepStatus.PLANNED, System.nanoTime(), context));
                return finish(RunStatus.PLANNED, ExitCode.OK, null);
            }
            confirm();
            return applyAll();
        }

        private void confirm() {
            List<String> destructive = plan.steps().stream().filter(Step::destructive)
                .map(Step::description).collect(Collectors.toList());
            if (destructive.isEmpty() || options.assumeYes()) {
                return;
            }
            if (!confirmer.confirm(plan.command(), destructive, plan.confirmAnswer())) {
                throw RollbackException.refused("confirmation declined; nothing was changed");
            }
        }

        private Report applyAll() {
            List<String> failures = new ArrayList<>();
            List<Step> steps = plan.steps();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (interruption.requested()) {
                    // Stop at a step boundary and put back what this run changed, as after a
                    // failure: an interrupted rollback must not leave the app stopped or half-switched.
                    skipFrom(i);
                    undoApplied();
                    return finish(RunStatus.INTERRUPTED, ExitCode.INTERRUPTED,
                        "interrupted before step " + step.id() + "; what the run had changed was put back"
                            + " where it could be (see the undo steps)");
                }
                FaultSeam.pauseBefore(step, progress);
                if (plan.mutating()) {   // read-only checks are quick; their report says it all
                    progress.accept("[" + (i + 1) + "/" + steps.size() + "] " + step.description());
                }
                StepContext context = checked.get(step);
                long start = System.nanoTime();
                try {
                    step.apply(context);
                    applied.add(step);
                    record(step, context.skipped() ? StepStatus.SKIPPED : StepStatus.SUCCEEDED, start, context);
                } catch (Exception e) {
                    String message = messageOf(e);
                    record(step, StepStatus.FAILED, start, context.detail("error", message));
                    progress.accept("    failed: " + message);
                    failures.add(step.id() + ": " + message);
                    if (step.haltsOnFailure()) {
                        skipFrom(i + 1);
                        undoApplied();
                        int code = e instanceof RollbackException re ? re.exitCode() : ExitCode.FAILED;
                        // A step that stops waiting on Ctrl-C (a level 4 phase, a followed action) reports 130.
                        RunStatus status = code == ExitCode.INTERRUPTED ? RunStatus.INTERRUPTED : RunStatus.FAILED;
                        return finish(status, code, step.id() + ": " + message);
                    }
                }
            }
            if (!failures.isEmpty()) {
                return finish(RunStatus.FAILED, ExitCode.FAILED, failures.size() == 1 ? failures.get(0)
                    : failures.size() + " checks failed: " + failures.stream().map(f -> f.substring(0, f.indexOf(": ")))
                    .collect(Collectors.joining(", ")) + " (see the steps)");
            }
            memory.forget();
            return finish(RunStatus.SUCCEEDED, ExitCode.OK, null);
        }

        private void undoApplied() {
            List<Step> reverse = new ArrayList<>(applied);
            Collections.reverse(reverse);
            for (Step step : reverse) {
                if (!step.undoable()) {
                    continue;
                }
                StepContext context = newContext();
                long start = System.nanoTime();
                progress.accept("undo " + step.id());
                try {
                    step.undo(context);
                    recordUndo(step, StepStatus.SUCCEEDED, start, context);
                } catch (Exception e) {
                    recordUndo(step, StepStatus.FAILED, start, context.detail("error", messageOf(e)));
                }
            }
        }

        private void skipFrom(int firstIndex) {
            for (Step step : plan.steps().subList(firstIndex, plan.steps().size())) {
                record(step, StepStatus.SKIPPED, System.nanoTime(), newContext());
            }
        }

        private StepContext newContext() {
            return new StepContext(result, progress, memory);
        }

        private synchronized void record(Step step, StepStatus status, long startNanos, StepContext context) {
            reports.add(new StepReport(step.id(), step.description(), status,
                elapsedMs(startNanos), context.details()));
        }

        private synchronized void recordUndo(Step step, StepStatus status, long startNanos, StepContext context) {
            reports.add(new StepReport("undo:" + step.id(), "undo: " + step.description(), status,
                elapsedMs(startNanos), context.details()));
        }

        private synchronized Report finish(RunStatus status, int exitCode, String message) {
            Instant finishedAt = clock.instant();
            ReportError error = exitCode == ExitCode.OK ? null : new ReportError(exitCode, message);
            return new Report(plan.command(), plan.level(), status, options.dryRun(), startedAt, finishedAt,
                elapsedMs(startedNanos), reports, result, error);
        }

        /** Second interrupt: record what we have and stop the process now. */
        private void abortNow() {
            Report report = finish(RunStatus.INTERRUPTED, ExitCode.INTERRUPTED,
                "interrupted during a step; the stack may be between states, see the steps");
            journal(report, false);
            progress.accept("stopped at once; journal written");
            Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
        }

        private void journal(Report report, boolean quietOnFailure) {
            if (options.dryRun() || !plan.journaled()) {
                return;
            }
            try {
                new Journal(stateDir).append(report);
            } catch (IOException e) {
                if (quietOnFailure) {
                    return;
                }
                progress.accept("warning: could not write the journal in " + stateDir + ": " + e.getMessage());
            }
        }
    }

    private static RunStatus statusFor(RollbackException e) {
        return e.exitCode() == ExitCode.REFUSED || e.exitCode() == ExitCode.UNREACHABLE
            ? RunStatus.REFUSED : RunStatus.FAILED;
    }

    private static long elapsedMs(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    static String messageOf(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
