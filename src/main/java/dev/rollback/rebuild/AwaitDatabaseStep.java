package dev.rollback.rebuild;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.function.BooleanSupplier;

/**
 * Waits until the rebuilt database answers: a PostgreSQL on a fresh volume runs initdb first. Level
 * 3's steps connect as soon as they start, so they must not start before this.
 */
final class AwaitDatabaseStep implements Step {
    private final DatabaseInputs in;
    private final BooleanSupplier cancelled;

    AwaitDatabaseStep(DatabaseInputs in, BooleanSupplier cancelled) {
        this.in = in;
        this.cancelled = cancelled;
    }

    @Override
    public String id() {
        return "await-database";
    }

    @Override
    public String description() {
        return "wait up to " + in.timeout().toSeconds() + " s until " + in.postgres().describe() + " answers";
    }

    @Override
    public void apply(StepContext context) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + in.timeout().toNanos();
        while (true) {
            try {
                in.postgres().ping();
                context.detail("waitedMs", (System.nanoTime() - start) / 1_000_000);
                return;
            } catch (RollbackException notYet) {
                if (System.nanoTime() > deadline) {
                    throw RollbackException.failed("the rebuilt database did not answer within "
                        + in.timeout().toSeconds() + " s: " + notYet.getMessage());
                }
            }
            if (cancelled.getAsBoolean()) {
                throw new RollbackException(ExitCode.INTERRUPTED, "interrupted while waiting for the database");
            }
            Thread.sleep(in.interval().toMillis());
        }
    }
}
