package dev.rollback.archive;

import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import java.nio.file.Path;
import java.time.Clock;

/** Runs a plan on the real executor, as the CLI does, with every confirmation answered yes. */
final class Runs {
    private Runs() {
    }

    static Report run(Path stateDir, Plan plan) {
        return run(stateDir, plan, Interruption.manual());
    }

    static Report run(Path stateDir, Plan plan, Interruption interruption) {
        return new Executor(stateDir, (c, d, a) -> true, interruption, line -> { }, Clock.systemUTC())
            .run(plan, new Executor.Options(false, true));
    }
}
