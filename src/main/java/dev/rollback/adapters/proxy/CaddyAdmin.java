package dev.rollback.adapters.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.adapters.http.BoundedHttp;
import dev.rollback.adapters.http.HttpClients;
import dev.rollback.adapters.http.HttpStall;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caddy's admin API over {@code java.net.http}: {@code GET /config/} (reachable, and the running
 * configuration), {@code POST /load} (replace it, gracefully; a configuration Caddy cannot run is
 * refused and the old one stays) and {@code GET /reverse_proxy/upstreams}.
 *
 * <p>The admin endpoint restarts itself after every load, so reads are retried for a moment when
 * the connection is refused or dropped (never after a timeout). Every call has a timeout. The Host
 * header is the URL's: Caddy checks it only when its admin listener is bound to a specific
 * interface, and then wants exactly the address it listens on; a listener on all interfaces
 * ({@code admin 0.0.0.0:2019}) accepts any, which is what a published admin port needs
 * (docs/blue-green.md).
 */
public final class CaddyAdmin implements Proxy {
    private static final Logger LOG = LoggerFactory.getLogger(CaddyAdmin.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** A load returns once the new configuration runs; Caddy may wait for listeners and apps to start. */
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final int READ_ATTEMPTS = 10;
    private static final long RETRY_PAUSE_MS = 100;
    private static final int MAX_ERROR = 300;

    private final URI base;
    private final HttpClient client;
    private final Duration readTimeout;
    private final Duration loadTimeout;

    public CaddyAdmin(String adminUrl) {
        this(adminUrl, READ_TIMEOUT, LOAD_TIMEOUT);
    }

    /** With other bounds for a read and a load (tests). */
    CaddyAdmin(String adminUrl, Duration readTimeout, Duration loadTimeout) {
        String url = adminUrl.endsWith("/") ? adminUrl.substring(0, adminUrl.length() - 1) : adminUrl;
        this.base = URI.create(url);
        this.client = HttpClients.noRedirects(CONNECT_TIMEOUT);
        this.readTimeout = readTimeout;
        this.loadTimeout = loadTimeout;
    }

    @Override
    public String adminUrl() {
        return base.toString();
    }

    @Override
    public void requireReachable() {
        get("/config/");
    }

    @Override
    public ProxyRoutes current() {
        return ProxyRoutes.parse(get("/config/"));
    }

    @Override
    public void load(ProxyRoutes routes) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/load")).timeout(loadTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(routes.json())).build();
        LOG.info("loading a Caddy configuration through {} ({})", base, routes);
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw RollbackException.failed("Caddy refused the new configuration (HTTP " + response.statusCode() + ": "
                + errorOf(response.body()) + "); it keeps running the previous one");
        }
    }

    @Override
    public List<Upstream> upstreams() {
        String body = get("/reverse_proxy/upstreams");
        List<Upstream> upstreams = new ArrayList<>();
        try {
            for (JsonNode upstream : JSON.readTree(body)) {
                upstreams.add(new Upstream(upstream.path("address").asText(), upstream.path("num_requests").asInt(),
                    upstream.path("fails").asInt()));
            }
        } catch (IOException e) {
            throw RollbackException.failed("Caddy's /reverse_proxy/upstreams answered something that is not JSON");
        }
        return upstreams;
    }

    /** A GET that must answer 2xx; refused or dropped connections are retried briefly (the admin endpoint restarts on load). */
    private String get(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(readTimeout).GET().build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = send(request);
                if (response.statusCode() / 100 != 2) {
                    throw unreachable("HTTP " + response.statusCode() + " to GET " + path + ": "
                        + errorOf(response.body()), null);
                }
                return response.body();
            } catch (RollbackException e) {
                boolean retriable = e.getCause() instanceof IOException && !(e.getCause() instanceof HttpTimeoutException);
                if (attempt >= READ_ATTEMPTS || !retriable) {
                    throw e;
                }
                pause();
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return BoundedHttp.send(client, request, request.timeout().orElse(readTimeout));
        } catch (HttpStall e) {
            throw unreachable(e.getMessage(), e);
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer to " + request.method() + " " + request.uri().getPath() + " within "
                + request.timeout().map(Duration::toSeconds).orElse(0L) + "s", e);
        } catch (IOException e) {
            throw unreachable(describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RollbackException(ExitCode.INTERRUPTED, "interrupted while talking to Caddy at " + base, e);
        }
    }

    private RollbackException unreachable(String what, Throwable cause) {
        return RollbackException.unreachable("Caddy admin API at " + base + " is unreachable (" + what
            + "); the Caddyfile needs e.g. 'admin 0.0.0.0:2019', published on 127.0.0.1, and proxy.admin pointing at it",
            cause);
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().strip().lines().findFirst().orElse("");
            }
        }
        return e.getClass().getSimpleName();
    }

    /** Caddy answers errors as {"error": "..."}; one line of it, or of the raw body. */
    private static String errorOf(String body) {
        String text = body == null ? "" : body.strip();
        try {
            JsonNode error = JSON.readTree(text).path("error");
            if (error.isTextual()) {
                text = error.asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // the raw body then
        }
        text = text.lines().findFirst().orElse("").strip();
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "…";
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RollbackException(ExitCode.INTERRUPTED, "interrupted while waiting for Caddy's admin API", e);
        }
    }
}
