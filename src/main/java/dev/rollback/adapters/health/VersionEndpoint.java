package dev.rollback.adapters.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An endpoint that answers what is deployed (a commit SHA, or a JSON document containing it).
 * {@link #read} never throws for an answer that is not there yet: it says what it saw instead.
 */
public final class VersionEndpoint {
    private static final int MAX_SHOWN = 200;

    private final URI url;
    private final HttpClient client;

    public VersionEndpoint(String url) {
        this.url = URI.create(url);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI url() {
        return url;
    }

    /** The body (trimmed, at most 200 characters), or a bracketed note when there is no answer. */
    public String read() {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body().strip();
            if (response.statusCode() != 200) {
                return "[HTTP " + response.statusCode() + "]";
            }
            return body.length() <= MAX_SHOWN ? body : body.substring(0, MAX_SHOWN);
        } catch (IOException e) {
            return "[no answer: " + e.getClass().getSimpleName() + "]";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "[interrupted]";
        }
    }
}
