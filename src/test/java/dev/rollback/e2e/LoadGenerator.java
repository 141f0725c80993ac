package dev.rollback.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Continuous GET traffic at a fixed rate, like the users of a stack during a rollback: one shared
 * HTTP/1.1 client (keep-alive, as browsers do), the URLs taken in turn, every answer counted. A
 * failure is any non-2xx answer or I/O error, kept with its reason and when it happened. Bounded:
 * it stops at {@code maxRequests} whatever happens.
 *
 * <p>Also a command for the benchmark: {@code LoadGenerator RATE MIN_REQUESTS STOP_FILE URL...}
 * sends at RATE per second until it sent MIN_REQUESTS and STOP_FILE exists, then prints a summary.
 */
public final class LoadGenerator {
    /** One failed request: when (ms since start), which URL, and why. */
    public record Failure(long atMs, String url, String reason) {
    }

    /**
     * What the traffic saw; {@code resent}: requests sent again after a kept-alive connection closed
     * before answering (as a browser does); {@code bodies}: answer body (trimmed, first 40 chars) → count.
     */
    public record Result(int sent, int succeeded, int resent, List<Failure> failures, Map<String, Integer> bodies,
                         long durationMs) {
        public int failed() {
            return failures.size();
        }

        public String summary() {
            return "sent " + sent + " requests in " + durationMs + " ms, " + failed() + " failed"
                + (resent == 0 ? "" : " (" + resent + " sent again after a kept-alive connection closed unanswered)")
                + ", answers " + bodies
                + (failures.isEmpty() ? "" : "; first failures: " + failures.subList(0, Math.min(10, failures.size())));
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_REQUESTS = 100_000;

    private final List<URI> urls;
    private final HttpClient client = newClient();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "load");
        thread.setDaemon(true);
        return thread;
    });
    private final long startNanos = System.nanoTime();
    private final long startEpochMs = System.currentTimeMillis();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger succeeded = new AtomicInteger();
    /** Requests sent again because the kept-alive connection closed before any answer (see {@link #closedBeforeAnswering}). */
    private final AtomicInteger resent = new AtomicInteger();
    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> bodies = new ConcurrentHashMap<>();
    private final List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());

    private LoadGenerator(List<URI> urls) {
        this.urls = List.copyOf(urls);
    }

    /** Starts sending {@code perSecond} requests a second, round-robin over {@code urls}. */
    public static LoadGenerator start(List<URI> urls, int perSecond) {
        LoadGenerator load = new LoadGenerator(urls);
        load.ticker.scheduleAtFixedRate(load::send, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return load;
    }

    public int sent() {
        return sent.get();
    }

    private void send() {
        int n = sent.get();
        if (n >= MAX_REQUESTS) {
            return;
        }
        sent.incrementAndGet();
        send(urls.get(n % urls.size()), true);
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    /**
     * A first attempt goes out on the shared client's kept-alive connections; a second one on a
     * client of its own, so on a new connection: the server that closed one idle connection was
     * closing the others too (CI saw a resend on the shared pool fail the same way).
     */
    private void send(URI url, boolean firstAttempt) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build();
        HttpClient sender = firstAttempt ? client : newClient();
        CompletableFuture<?> answer = sender.sendAsync(request, HttpResponse.BodyHandlers.ofString())
            .whenComplete((response, error) -> record(url, response, error, firstAttempt));
        inFlight.add(answer);
        inFlight.removeIf(CompletableFuture::isDone);
    }

    /**
     * A kept-alive connection the server closed just as a request went out on it: no byte of an
     * answer came back. Browsers and most HTTP clients (Go's, curl's connection reuse) send such an
     * idempotent GET again on a new connection, and the user never sees it (RFC 9112, 9.3.1); the
     * JDK's client does not. Seen in CI when Caddy loaded a new configuration and closed its idle
     * connections: 3 of 10,848 requests.
     */
    private static boolean closedBeforeAnswering(Throwable cause) {
        return cause instanceof IOException && String.valueOf(cause.getMessage()).contains("header parser received no bytes");
    }

    private void record(URI url, HttpResponse<String> response, Throwable error, boolean firstAttempt) {
        long at = (System.nanoTime() - startNanos) / 1_000_000;
        if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            if (firstAttempt && closedBeforeAnswering(cause)) {
                resent.incrementAndGet();
                send(url, false);
                return;
            }
            failures.add(new Failure(at, url.getPath(), cause.getClass().getSimpleName() + ": " + cause.getMessage()));
        } else if (response.statusCode() / 100 != 2) {
            failures.add(new Failure(at, url.getPath(), "HTTP " + response.statusCode()));
        } else {
            succeeded.incrementAndGet();
            String body = response.body().strip();
            bodies.merge(body.length() > 40 ? body.substring(0, 40) : body, 1, Integer::sum);
        }
    }

    /** Keeps sending until at least {@code minRequests} went out, then stops and waits for the answers. */
    public Result stopAfter(int minRequests) throws InterruptedException {
        while (sent.get() < minRequests) {
            Thread.sleep(20);
        }
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        // Twice: a request sent again is added while the first attempt completes.
        for (int round = 0; round < 2; round++) {
            List<CompletableFuture<?>> pending;
            synchronized (inFlight) {
                pending = new ArrayList<>(inFlight);
            }
            try {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // each failure is recorded by its own future
            }
        }
        List<Failure> seen;
        synchronized (failures) {
            seen = List.copyOf(failures);
        }
        return new Result(sent.get(), succeeded.get(), resent.get(), seen, new TreeMap<>(bodies),
            (System.nanoTime() - startNanos) / 1_000_000);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 4) {
            System.err.println("usage: LoadGenerator RATE MIN_REQUESTS STOP_FILE URL...");
            System.exit(2);
        }
        int rate = Integer.parseInt(args[0]);
        int min = Integer.parseInt(args[1]);
        Path stop = Path.of(args[2]);
        List<URI> urls = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            urls.add(URI.create(args[i]));
        }
        LoadGenerator load = start(urls, rate);
        while (!Files.exists(stop) && load.sent() < MAX_REQUESTS) {
            Thread.sleep(50);
        }
        Result result = load.stopAfter(min);
        System.out.println("requests=" + result.sent() + " failed=" + result.failed() + " durationMs=" + result.durationMs()
            + " startedAtEpochMs=" + load.startEpochMs);
        result.failures().forEach(f -> System.out.println("failure at " + f.atMs() + " ms " + f.url() + ": " + f.reason()));
        System.out.println("answers=" + result.bodies());
    }
}
