package dev.rollback.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a {@link Plan}. It owns everything steps must not care about: the lock, the check phase,
 * dry-run, confirmation, timing, undo after a failure, interruption, the report and the journal.
 *
 * <p>Order: take the lock (mutating plans) → check every step (read-only) → under --dry-run stop
 * here with the plan → confirm destructive steps → apply in order, stopping at a step boundary
 * when interrupted → on a failure or an interruption, undo the applied steps in reverse → journal the report
 * → release what steps held for the run ({@link StepContext#hold}, e.g. a database lock), then the lock.
 * Checking, applying and undoing are {@link StepSequence}'s, the same rule a level 4 phase runs by.
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
        private RunMemory memory = RunMemory.none();
        private final Deque<AutoCloseable> held = new ConcurrentLinkedDeque<>();
        private final StepSequence sequence;

        Run(Plan plan, Options options) {
            this.plan = plan;
            this.options = options;
            this.sequence = new StepSequence(plan.steps(), this::newContext, interruption::requested, numbered());
        }

        Report execute() {
            boolean locking = plan.mutating() && !options.dryRun();
            StateLock lock = null;
            try {
                if (locking) {
                    lock = StateLock.acquire(stateDir, plan.command());
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
                releaseHeld();
                if (lock != null) {
                    lock.close();
                }
            }
        }

        /** Closes what steps held for the run (database locks), last taken first; a failure to close is only logged. */
        private void releaseHeld() {
            for (AutoCloseable resource; (resource = held.poll()) != null; ) {
                try {
                    resource.close();
                } catch (Exception e) {
                    progress.accept("warning: could not release " + resource + ": " + StepSequence.messageOf(e));
                }
            }
        }

        private Report checkThenApply() {
            StepSequence.Ending refused = sequence.checkAll();
            if (refused != null) {
                return finish(RunStatus.REFUSED, refused.exitCode(), refused.stepMessage());
            }
            if (options.dryRun()) {
                sequence.recordPlanned();
                return finish(RunStatus.PLANNED, ExitCode.OK, null);
            }
            confirm();
            return ended(sequence.applyAll());
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

        /** The report of an applied plan, by how its steps ended. */
        private Report ended(StepSequence.Ending ending) {
            return switch (ending.kind()) {
                case COMPLETED -> {
                    memory.forget();
                    yield finish(RunStatus.SUCCEEDED, ExitCode.OK, null);
                }
                case INTERRUPTED -> finish(RunStatus.INTERRUPTED, ExitCode.INTERRUPTED,
                    "interrupted before step " + ending.step().id() + "; what the run had changed was put back"
                        + " where it could be (see the undo steps)");
                // A step that stops waiting on Ctrl-C (a level 4 phase, a followed action) reports 130.
                case REFUSED, HALTED -> finish(ending.exitCode() == ExitCode.INTERRUPTED ? RunStatus.INTERRUPTED
                    : RunStatus.FAILED, ending.exitCode(), ending.stepMessage());
                case CHECKS_FAILED -> finish(RunStatus.FAILED, ExitCode.FAILED, ending.failures().size() == 1
                    ? ending.failures().get(0)
                    : ending.failures().size() + " checks failed: " + ending.failures().stream()
                        .map(f -> f.substring(0, f.indexOf(": "))).collect(Collectors.joining(", ")) + " (see the steps)");
            };
        }

        private StepContext newContext() {
            return new StepContext(result, progress, memory, held);
        }

        /** A plan's lines: "[k/n] <description>" for plans that change the stack; the fault tests' pause. */
        private StepSequence.Narration numbered() {
            return new StepSequence.Narration() {
                @Override
                public void line(String text) {
                    progress.accept(text);
                }

                @Override
                public void applying(int position, int total, Step step) {
                    FaultSeam.pauseBefore(step, progress);
                    if (plan.mutating()) {   // read-only checks are quick; their report says it all
                        line("[" + position + "/" + total + "] " + step.description());
                    }
                }
            };
        }

        private synchronized Report finish(RunStatus status, int exitCode, String message) {
            Instant finishedAt = clock.instant();
            ReportError error = exitCode == ExitCode.OK ? null : new ReportError(exitCode, message);
            return new Report(plan.command(), plan.level(), status, options.dryRun(), startedAt, finishedAt,
                elapsedMs(startedNanos), sequence.reports(), result, error);
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
}
