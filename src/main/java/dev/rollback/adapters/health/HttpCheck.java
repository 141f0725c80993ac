package dev.rollback.adapters.health;

import dev.rollback.adapters.http.BoundedHttp;
import dev.rollback.adapters.http.HttpClients;
import dev.rollback.adapters.http.HttpStall;
import dev.rollback.adapters.http.IoFailure;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DurationText;
import dev.rollback.core.config.HttpCheckConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP endpoint that must answer an expected status within a per-request timeout. Redirects are
 * not followed: a health endpoint that redirects (say, to a login page) is not answering health.
 * Only the status line matters; the body is dropped unread.
 */
public final class HttpCheck implements HealthCheck {
    /**
     * The JDK HTTP client refuses to send a caller-chosen {@code Host} header unless this property
     * lists {@code host}. It reads the property once per JVM, when its internals are first used
     * (the first {@code HttpRequest.newBuilder()} anywhere), so it must be set before that: this
     * class does it when it is loaded, and {@code main} can call {@link #allowHostHeader} first
     * thing to be independent of class-loading order.
     */
    static final String RESTRICTED_HEADERS_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

    static {
        allowHostHeader();
    }

    private final String name;
    private final URI url;
    private final int expectedStatus;
    private final Duration timeout;
    private final HttpClient client;
    private final HttpRequest request;

    /**
     * @param host the Host header to send (to check a virtual host by the server's IP), or null
     *             for the URL's host
     */
    public HttpCheck(String name, URI url, int expectedStatus, String host, Duration timeout) {
        this.name = name;
        this.url = url;
        this.expectedStatus = expectedStatus;
        this.timeout = timeout;
        this.client = HttpClients.noRedirects(timeout);
        this.request = request(url, host, timeout);
    }

    /** The check a {@code health.checks[]} entry describes; a bad URL or timeout is a usage error. */
    public static HttpCheck from(HttpCheckConfig config) {
        String problem = "health check " + config.name() + ": ";
        URI url;
        try {
            url = new URI(config.url());
        } catch (URISyntaxException e) {
            throw RollbackException.usage(problem + "'" + config.url() + "' is not a valid URL (" + e.getReason() + ")");
        }
        if (url.getHost() == null) {
            throw RollbackException.usage(problem + "'" + config.url() + "' names no host");
        }
        if (config.timeout().isZero() || config.timeout().isNegative()) {
            throw RollbackException.usage(problem + "timeout must be more than 0");
        }
        return new HttpCheck(config.name(), url, config.expect(), config.host(), config.timeout());
    }

    /**
     * The check a {@code health.checks[]} entry describes, sent to another server: the URL's host
     * replaced by {@code ip} (scheme, port and path kept), the Host header the check's own
     * ({@code host}, else the URL's host and port). Level 4 checks a restored server this way
     * before DNS points at it.
     */
    public static HttpCheck atAddress(HttpCheckConfig config, String ip) {
        HttpCheck check = from(config);
        URI url = check.url;
        String host = config.host() != null && !config.host().isBlank() ? config.host()
            : url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        String literal = ip.contains(":") ? "[" + ip + "]" : ip;
        URI byAddress = URI.create(url.getScheme() + "://" + literal + (url.getPort() < 0 ? "" : ":" + url.getPort())
            + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        return new HttpCheck(config.name() + "@" + ip, byAddress, config.expect(), host, config.timeout());
    }

    /** Adds {@code host} to the JDK's allowed restricted headers, keeping any already listed. */
    public static synchronized void allowHostHeader() {
        String current = System.getProperty(RESTRICTED_HEADERS_PROPERTY, "");
        boolean listed = Arrays.stream(current.split(","))
            .anyMatch(header -> header.trim().equalsIgnoreCase("host"));
        if (!listed) {
            System.setProperty(RESTRICTED_HEADERS_PROPERTY, current.isBlank() ? "host" : current + ",host");
        }
    }

    @Override
    public String name() {
        return "http:" + name;
    }

    public URI url() {
        return url;
    }

    @Override
    public HealthResult probe() {
        long start = System.nanoTime();
        try {
            // Only the status is read; the body is dropped unread, so an endpoint that streams or
            // stalls after its status line cannot hold the probe.
            int status = BoundedHttp.status(client, request, timeout);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (status == expectedStatus) {
                return HealthResult.healthy(name(), status + " in " + millis + " ms");
            }
            return HealthResult.unhealthy(name(), StatusText.of(status) + " (expected " + expectedStatus + ")");
        } catch (IOException e) {
            return HealthResult.unhealthy(name(), describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.unhealthy(name(), "interrupted");
        }
    }

    /** A few words for an operator; the JDK's exceptions here mostly carry no message at all. */
    private String describe(IOException e) {
        if (e instanceof HttpStall) {
            return e.getMessage();
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + DurationText.format(timeout);
        }
        if (IoFailure.unknownHost(e)) {
            return "unknown host " + url.getHost();
        }
        return IoFailure.reason(e, timeout, timeout);
    }

    private static HttpRequest request(URI url, String host, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).GET().timeout(timeout);
        if (host != null && !host.isBlank()) {
            try {
                builder.header("Host", host);
            } catch (IllegalArgumentException restricted) {
                throw new IllegalStateException("the JDK HTTP client was used before "
                    + RESTRICTED_HEADERS_PROPERTY + "=host was set; call HttpCheck.allowHostHeader() "
                    + "at startup, before any other HTTP client code runs", restricted);
            }
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return name() + " (" + url + ", expect " + expectedStatus + ")";
    }
}
