package dev.rollback.gate;

import dev.rollback.adapters.health.AllHealthy;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One round of the health gate (and of {@code watch}, a new one per round): every check probed at
 * the same time, each in its own thread, so a round takes as long as its slowest probe instead of
 * the sum of them all (the HTTP checks do not wait for Docker's health reads, nor the other way
 * round). Healthy only when every check is, with the same detail as {@link AllHealthy}.
 *
 * <p>Bounded: a probe still running at the gate's deadline is cut there and counts as unhealthy,
 * so one stalled check cannot hold the gate past its time. The last round may start right at the
 * deadline (the wait's last probe always runs); its probes get {@value #LAST_ROUND_MILLIS} ms, so
 * the gate ends at most that long after its deadline. A cancelled wait (Ctrl-C) is noticed within
 * {@value #POLL_MILLIS} ms, in the middle of a round too. A cut probe is abandoned, not
 * interrupted, so it still cleans up after itself; its thread is a daemon, so it never keeps the JVM
 * alive either.
 */
public final class ProbeRound implements HealthCheck, AutoCloseable {
    private static final long POLL_MILLIS = 50;
    private static final long LAST_ROUND_MILLIS = 200;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final String name;
    private final List<HealthCheck> checks;
    private final long deadlineNanos;
    private final BooleanSupplier cancelled;
    private final ExecutorService threads;

    /**
     * @param deadlineNanos when the gate ends ({@link System#nanoTime}): probes still running then are cut
     * @param cancelled     true when the wait was cancelled: the round stops at once, unhealthy
     */
    public ProbeRound(String name, List<? extends HealthCheck> checks, long deadlineNanos, BooleanSupplier cancelled) {
        this.name = name;
        this.checks = List.copyOf(checks);
        this.deadlineNanos = deadlineNanos;
        this.cancelled = cancelled;
        String prefix = "health-probe-" + POOLS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(Math.max(1, this.checks.size()), task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HealthResult probe() {
        return AllHealthy.combine(name, probeEach());
    }

    /** One result per check, in their order, all probed at the same time (for a report that lists each check). */
    public List<HealthResult> probeEach() {
        long cutAt = Math.max(deadlineNanos, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LAST_ROUND_MILLIS));
        List<Future<HealthResult>> running = checks.stream().map(check -> threads.submit(check::probe)).toList();
        List<HealthResult> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            results.add(answer(checks.get(i), running.get(i), cutAt));
        }
        return results;
    }

    /** The probe's result, or an unhealthy one when it was cut at {@code cutAt} or the wait was cancelled. */
    private HealthResult answer(HealthCheck check, Future<HealthResult> probe, long cutAt) {
        while (true) {
            if (Thread.currentThread().isInterrupted() || cancelled.getAsBoolean()) {
                probe.cancel(false);
                return HealthResult.unhealthy(check.name(), "cancelled");
            }
            long left = cutAt - System.nanoTime();
            try {
                return probe.get(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS))),
                    TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (left <= 0) {
                    probe.cancel(false);
                    return HealthResult.unhealthy(check.name(), "no answer before the gate's deadline");
                }
            } catch (ExecutionException e) {
                return HealthResult.unhealthy(check.name(), "probe failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Lets probes still running finish in the background, never interrupting them: a probe may be
     * cleaning up after itself (the helper container of a dial check is removed in its
     * {@code finally}), and an interrupted Docker call would leave that container behind.
     */
    @Override
    public void close() {
        threads.shutdown();
    }
}
