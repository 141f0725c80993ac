package dev.rollback.verify;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The post-rollback verification of the strategies document (docs/runbook/strategies.md) as a
 * plan of independent checks, one step each: for every service its containers running, its
 * healthcheck healthy and its logs clean; every HTTP
 * check answering; the sample query returning. Every check runs and every failure is reported.
 */
public final class VerifyPlan {
    /** An HTTP check, the URL it probes (for the report) and how many tries it gets. */
    public record HttpProbe(HealthCheck check, String url, int attempts) {
    }

    /**
     * What to verify.
     *
     * @param logsSince only log lines since then count (the end of the last rollback), or null
     * @param postgres  null when no sample query is configured
     */
    public record Inputs(Docker docker, String project, List<String> services, List<HttpProbe> httpChecks,
                         Duration interval, Duration healthTimeout, int logLines,
                         List<String> logErrorPatterns, Instant logsSince, Postgres postgres, String sampleQuery,
                         BooleanSupplier cancelled) {
    }

    private VerifyPlan() {
    }

    public static Plan build(Inputs in) {
        Plan.Builder plan = Plan.builder("verify").readOnly();
        for (String service : in.services()) {
            ServiceContainers containers = new ServiceContainers(in.docker(), in.project(), service);
            plan.step(new RunningStep(containers))
                .step(new HealthyStep(containers, in.healthTimeout(), in.cancelled()))
                .step(new LogsCleanStep(containers, in.logLines(), in.logErrorPatterns(), in.logsSince()));
        }
        for (HttpProbe probe : in.httpChecks()) {
            plan.step(new HttpStep(probe.check(), probe.url(), probe.attempts(), in.interval()));
        }
        if (in.postgres() != null && in.sampleQuery() != null) {
            plan.step(new SampleQueryStep(in.postgres(), in.sampleQuery()));
        }
        return plan.build();
    }
}
