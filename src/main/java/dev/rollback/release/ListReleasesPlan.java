package dev.rollback.release;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.Plan;
import java.util.Map;
import java.util.function.Supplier;

/** {@code release list}: read-only, not journaled. */
public final class ListReleasesPlan {
    private ListReleasesPlan() {
    }

    public static Plan build(Ledger ledger, Docker docker, Supplier<Map<String, RunningStack.Service>> running) {
        return Plan.builder("release list").readOnly().notJournaled()
            .step(new ListReleasesStep(ledger, docker, running)).build();
    }
}
