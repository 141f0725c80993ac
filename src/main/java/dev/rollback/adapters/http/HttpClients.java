package dev.rollback.adapters.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/** The one way this tool builds a JDK HTTP client. */
public final class HttpClients {
    /** How long {@link #stopSelectors} waits for each selector thread to end. */
    private static final long SELECTOR_JOIN_MILLIS = 100;

    private HttpClients() {
    }

    /**
     * Ends the selector thread of every JDK HTTP client, for a process about to exit. Each client
     * keeps one thread blocked in native code ({@code epoll_wait}), and HotSpot's exit waits up to
     * 300 ms for threads in native code before it gives up: every run that probed HTTP paid that
     * after its report was printed (measured: 340 ms from the last output line to the exit, 50 ms
     * without HTTP clients). JDK 17's client has no {@code close()}; an interrupt wakes its
     * selector, which then shuts the client down. Only for the end of {@code main}.
     */
    public static void stopSelectors() {
        List<Thread> selectors = Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith("HttpClient-")
                && thread.getName().endsWith("-SelectorManager"))
            .toList();
        selectors.forEach(Thread::interrupt);
        for (Thread selector : selectors) {
            try {
                selector.join(SELECTOR_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * HTTP/1.1, redirects never followed (a redirect could carry a token to another host, and the
     * JDK turns a POST into a GET on 301/302), and a bounded connect.
     */
    public static HttpClient noRedirects(Duration connectTimeout) {
        return HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .build();
    }
}
