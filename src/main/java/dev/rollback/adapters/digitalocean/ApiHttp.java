package dev.rollback.adapters.digitalocean;

import dev.rollback.adapters.http.BoundedHttp;
import dev.rollback.adapters.http.HttpClients;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.http.EnvSecret;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The API's transport: JSON over HTTPS with {@code Authorization: Bearer}, a connect timeout and a
 * bound over each whole exchange ({@link BoundedHttp}), redirects not followed, lists read page by page along {@code links.pages.next}. Answers
 * the parsed body of a 2xx; everything else leaves as a {@link RollbackException} from {@link ApiErrors}.
 */
final class ApiHttp {
    /** DigitalOcean's largest page: one request for most droplets' snapshot lists. */
    static final int PER_PAGE = 200;
    private static final int MAX_PAGES = 500;

    private final ApiUrl url;
    private final EnvSecret token;
    private final Duration requestTimeout;
    private final ApiErrors errors;
    private final HttpClient client;

    ApiHttp(ApiUrl url, EnvSecret token, Duration connectTimeout, Duration requestTimeout) {
        this.url = url;
        this.token = token;
        this.requestTimeout = requestTimeout;
        this.errors = new ApiErrors(url, token, connectTimeout, requestTimeout);
        this.client = HttpClients.noRedirects(connectTimeout);
    }

    ApiErrors errors() {
        return errors;
    }

    JsonNode get(ApiCall call) {
        return send(call, url.resolve(call.path()), HttpRequest.BodyPublishers.noBody());
    }

    /** POST or PUT of a JSON body. */
    JsonNode send(ApiCall call, Object body) {
        return send(call, url.resolve(call.path()), HttpRequest.BodyPublishers.ofString(json(body), StandardCharsets.UTF_8));
    }

    /** Every element under {@code key} of every page, following {@code links.pages.next} on this origin only. */
    List<JsonNode> getAll(ApiCall call, String key) {
        List<JsonNode> items = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        URI page = url.resolve(call.path() + (call.path().contains("?") ? "&" : "?") + "per_page=" + PER_PAGE);
        while (page != null) {
            if (!seen.add(page) || seen.size() > MAX_PAGES) {
                throw errors.malformed(call, "the pages link back to " + page.getRawPath() + "?" + page.getRawQuery());
            }
            JsonNode body = send(call, page, HttpRequest.BodyPublishers.noBody());
            JsonNode list = body.path(key);
            if (!list.isArray()) {
                throw errors.malformed(call, "no '" + key + "' list in the answer");
            }
            list.forEach(items::add);
            page = next(call, body);
        }
        return items;
    }

    private URI next(ApiCall call, JsonNode body) {
        String next = body.path("links").path("pages").path("next").asText("");
        if (next.isBlank()) {
            return null;
        }
        URI link;
        try {
            link = URI.create(next);
        } catch (IllegalArgumentException e) {
            throw errors.malformed(call, "its next-page link is not a URL");
        }
        if (!url.sameOrigin(link)) {
            throw errors.malformed(call, "its next-page link leaves " + url + " (not followed: it would carry the token)");
        }
        return link;
    }

    private JsonNode send(ApiCall call, URI uri, HttpRequest.BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token.value())
            .method(call.method(), body)
            .build();
        HttpResponse<String> response;
        try {
            response = BoundedHttp.send(client, request, requestTimeout);
        } catch (IOException e) {
            throw errors.io(call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RollbackException(ExitCode.INTERRUPTED, call + " to DigitalOcean was interrupted");
        }
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw errors.status(call, response.statusCode(), response.body());
        }
        return parse(call, response.body());
    }

    private JsonNode parse(ApiCall call, String body) {
        try {
            return Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw errors.malformed(call, "not JSON");
        }
    }

    private static String json(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a DigitalOcean request body: " + e.getOriginalMessage(), e);
        }
    }
}
