package dev.rollback.adapters.health;

import dev.rollback.adapters.http.BoundedHttp;
import dev.rollback.adapters.http.HttpClients;
import dev.rollback.adapters.http.HttpStall;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An endpoint that answers what is deployed (a commit SHA, or a JSON document containing it).
 * {@link #read} never throws for an answer that is not there yet: it says what it saw instead.
 * Each read is bounded as a whole, body included ({@link BoundedHttp}).
 */
public final class VersionEndpoint {
    private static final int MAX_SHOWN = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    public VersionEndpoint(String url) {
        this(url, TIMEOUT);
    }

    /** With another bound per read (tests). */
    VersionEndpoint(String url, Duration timeout) {
        this.url = URI.create(url);
        this.timeout = timeout;
        this.client = HttpClients.noRedirects(timeout);
    }

    public URI url() {
        return url;
    }

    /** The body (trimmed, at most 200 characters), or a bracketed note when there is no answer. */
    public String read() {
        try {
            HttpResponse<String> response = BoundedHttp.send(client,
                HttpRequest.newBuilder(url).timeout(timeout).GET().build(), timeout);
            String body = response.body().strip();
            if (response.statusCode() != 200) {
                return "[HTTP " + response.statusCode() + "]";
            }
            return body.length() <= MAX_SHOWN ? body : body.substring(0, MAX_SHOWN);
        } catch (HttpStall e) {
            return "[no answer: " + e.getMessage() + "]";
        } catch (IOException e) {
            return "[no answer: " + e.getClass().getSimpleName() + "]";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "[interrupted]";
        }
    }
}
