package dev.rollback.restore;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.HealthGate;
import java.util.List;

/**
 * The runbook's step 6, "Verify": the app healthy again on the restored database, the sample query
 * answering. The gate's end also ends the app's measured downtime ({@link AppDowntime}).
 */
final class VerifyLiveStep implements Step {
    private final Postgres postgres;
    private final String sampleQuery;
    private final HealthGate gate;
    private final List<HealthCheck> containers;
    private final List<HealthCheck> endpoints;
    private final AppDowntime downtime;

    VerifyLiveStep(Postgres postgres, String sampleQuery, HealthGate gate, List<HealthCheck> containers,
                   List<HealthCheck> endpoints, AppDowntime downtime) {
        this.postgres = postgres;
        this.sampleQuery = sampleQuery;
        this.gate = gate;
        this.containers = containers;
        this.endpoints = endpoints;
        this.downtime = downtime;
    }

    @Override
    public String id() {
        return "verify";
    }

    @Override
    public String description() {
        return "wait until the app is healthy on the restored database" + (sampleQuery != null ? "; run the sample query" : "");
    }

    @Override
    public void apply(StepContext context) {
        WaitOutcome outcome = gate.await(containers, endpoints, context::progress);
        downtime.end(context);
        context.detail("health", outcome.summary());
        if (!outcome.healthy()) {
            throw RollbackException.failed("the app did not become healthy on the restored database: "
                + outcome.last().detail());
        }
        if (sampleQuery != null) {
            String value = postgres.queryFirstValue(sampleQuery)
                .orElseThrow(() -> RollbackException.failed("the sample query returned no row: " + sampleQuery));
            context.detail("sampleQueryValue", value).result("sampleQueryValue", value);
        }
    }
}
