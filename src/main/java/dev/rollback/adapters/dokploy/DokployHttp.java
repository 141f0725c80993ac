package dev.rollback.adapters.dokploy;

import dev.rollback.adapters.http.BoundedHttp;
import dev.rollback.adapters.http.HttpClients;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rollback.core.ExitCode;
import dev.rollback.core.Json;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Dokploy's REST transport: tRPC queries as {@code GET /api/<procedure>?<input>}, mutations as
 * {@code POST /api/<procedure>} with a JSON body, the key in {@code x-api-key}. Returns the body of
 * a 2xx answer; every other outcome leaves as a {@link RollbackException} from {@link DokployErrors}.
 */
final class DokployHttp {
    private final DokployUrl url;
    private final ApiKey key;
    private final Duration requestTimeout;
    private final DokployErrors errors;
    private final HttpClient client;

    DokployHttp(DokployUrl url, ApiKey key, Duration connectTimeout, Duration requestTimeout) {
        this.url = url;
        this.key = key;
        this.requestTimeout = requestTimeout;
        this.errors = new DokployErrors(url, key, connectTimeout, requestTimeout);
        this.client = HttpClients.noRedirects(connectTimeout);
    }

    DokployErrors errors() {
        return errors;
    }

    /** A tRPC query; {@code input} becomes the query string. */
    String get(ApiCall call, Map<String, String> input) {
        HttpRequest request = request(url.api(call.procedure(), input)).GET().build();
        return send(call, request);
    }

    /** A tRPC mutation; {@code input} becomes the JSON body. */
    String post(ApiCall call, Map<String, Object> input) {
        HttpRequest request = request(url.api(call.procedure(), Map.of()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json(input), StandardCharsets.UTF_8))
            .build();
        return send(call, request);
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("x-api-key", key.value());
    }

    private String send(ApiCall call, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = BoundedHttp.send(client, request, requestTimeout);
        } catch (IOException e) {
            throw errors.io(call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RollbackException(ExitCode.INTERRUPTED, call + " to Dokploy at " + url + " was interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        throw errors.status(call, status, response.body(), response.headers().firstValue("Location").orElse(null));
    }

    private static String json(Map<String, Object> input) {
        try {
            return Json.MAPPER.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Dokploy request body: " + e.getOriginalMessage(), e);
        }
    }
}
