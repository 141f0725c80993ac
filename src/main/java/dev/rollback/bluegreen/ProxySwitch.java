package dev.rollback.bluegreen;

import dev.rollback.adapters.health.AllHealthy;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthWait;
import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.adapters.proxy.Proxy;
import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.adapters.proxy.Upstream;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import dev.rollback.gate.HealthGate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Points the proxy at one side and proves it: the routes are loaded (gracefully: Caddy lets open
 * connections finish on the old configuration), {@code /reverse_proxy/upstreams} lists the side's
 * addresses, and the configured health checks, which go through the proxy, pass twice in a row.
 */
final class ProxySwitch {
    private static final Duration UPSTREAMS_WAIT = Duration.ofSeconds(5);
    private static final Duration SETTLE_INTERVAL = Duration.ofMillis(500);
    private static final int SETTLE_PROBES = 3;

    private final Proxy proxy;
    private final List<HealthCheck> proxyChecks;
    private final HealthGate gate;

    ProxySwitch(Proxy proxy, List<HealthCheck> proxyChecks, HealthGate gate) {
        this.proxy = proxy;
        this.proxyChecks = proxyChecks;
        this.gate = gate;
    }

    /** Loads {@code routes}; answers how long the load took, in ms. */
    long load(ProxyRoutes routes) {
        long start = System.nanoTime();
        proxy.load(routes);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Throws (exit 1) unless the proxy lists {@code upstreams} and answers the health checks. */
    void confirm(Collection<String> upstreams, StepContext context) {
        awaitUpstreams(upstreams);
        WaitOutcome outcome = gate.await(List.of(), proxyChecks, context::progress);
        context.detail("throughProxy", outcome.summary());
        if (!outcome.healthy()) {
            throw RollbackException.failed("through the proxy the health checks failed: " + outcome.last().detail());
        }
    }

    /** A short look (a few probes) at whether the proxy answers the health checks now. */
    boolean healthyThroughProxy() {
        return HealthWait.retries(new AllHealthy("through the proxy", proxyChecks), SETTLE_PROBES, SETTLE_INTERVAL)
            .healthy();
    }

    private void awaitUpstreams(Collection<String> expected) {
        long deadline = System.nanoTime() + UPSTREAMS_WAIT.toNanos();
        List<String> listed = List.of();
        while (System.nanoTime() < deadline) {
            listed = proxy.upstreams().stream().map(Upstream::address).toList();
            if (listed.containsAll(expected)) {
                return;
            }
            sleep(SETTLE_INTERVAL.toMillis() / 5);
        }
        throw RollbackException.failed("the proxy does not list the upstreams " + expected + " after loading them (it lists "
            + listed + ")");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RollbackException.failed("interrupted while waiting for the proxy");
        }
    }
}
