package dev.rollback.verify;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.Plan;
import dev.rollback.core.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

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
     * @param sampleQuery null when no sample query is configured
     */
    public record Inputs(Services services, Logs logs, HttpChecks http, SampleQuery sampleQuery,
                         BooleanSupplier cancelled) {
    }

    /**
     * The services whose containers must run and be healthy within {@code healthTimeout}.
     *
     * @param stack      the stack's name, for messages
     * @param containers per service, its containers now, as the platform finds them (looked up at every check)
     */
    public record Services(Docker docker, String stack, Function<String, List<ContainerInfo>> containers,
                           List<String> names, Duration healthTimeout) {
    }

    /**
     * How much of each service's log is read, and what counts as an error in it.
     *
     * @param since only log lines since then count (the end of the last rollback), or null
     */
    public record Logs(int lines, List<String> errorPatterns, Instant since) {
    }

    /** @param interval the pause between two tries of one check */
    public record HttpChecks(List<HttpProbe> probes, Duration interval) {
    }

    /** The configured query that must return a value. */
    public record SampleQuery(Postgres postgres, String query) {
    }

    private VerifyPlan() {
    }

    public static Plan build(Inputs in) {
        return build(in, List.of());
    }

    /** The checks, then {@code more} ({@code verify}'s own: WAL archiving live). */
    public static Plan build(Inputs in, List<Step> more) {
        Plan.Builder plan = Plan.builder("verify").readOnly();
        Services services = in.services();
        Logs logs = in.logs();
        for (String service : services.names()) {
            ServiceContainers containers = new ServiceContainers(services.docker(), services.stack(), service,
                () -> services.containers().apply(service));
            plan.step(new RunningStep(containers))
                .step(new HealthyStep(containers, services.healthTimeout(), in.cancelled()))
                .step(new LogsCleanStep(containers, logs.lines(), logs.errorPatterns(), logs.since()));
        }
        for (HttpProbe probe : in.http().probes()) {
            plan.step(new HttpStep(probe.check(), probe.url(), probe.attempts(), in.http().interval()));
        }
        if (in.sampleQuery() != null) {
            plan.step(new SampleQueryStep(in.sampleQuery().postgres(), in.sampleQuery().query()));
        }
        return plan.steps(more).build();
    }
}
