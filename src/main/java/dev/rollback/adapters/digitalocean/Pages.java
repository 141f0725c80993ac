package dev.rollback.adapters.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.http.ApiBase;
import dev.rollback.adapters.http.ApiCall;
import dev.rollback.adapters.http.JsonApi;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DigitalOcean's lists, read page by page along {@code links.pages.next}. A next link is followed
 * on the API's own origin only, since the token travels with every page, and a loop of links ends
 * as an unexpected answer rather than running forever.
 */
final class Pages {
    /** DigitalOcean's largest page: one request for most droplets' snapshot lists. */
    static final int PER_PAGE = 200;
    private static final int MAX_PAGES = 500;

    private final ApiBase url;
    private final JsonApi api;
    private final RateLimits limits;

    Pages(ApiBase url, JsonApi api, RateLimits limits) {
        this.url = url;
        this.api = api;
        this.limits = limits;
    }

    /** Every element under {@code key} of every page. */
    List<JsonNode> all(ApiCall call, String key) {
        List<JsonNode> items = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        URI page = url.resolve(call.path() + (call.path().contains("?") ? "&" : "?") + "per_page=" + PER_PAGE);
        while (page != null) {
            if (!seen.add(page) || seen.size() > MAX_PAGES) {
                throw api.malformed(call, "the pages link back to " + page.getRawPath() + "?" + page.getRawQuery());
            }
            URI current = page;
            JsonNode body = limits.retrying(() -> api.send(call, current, null));
            JsonNode list = body.path(key);
            if (!list.isArray()) {
                throw api.malformed(call, "no '" + key + "' list in the answer");
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
            throw api.malformed(call, "its next-page link is not a URL");
        }
        if (!url.sameOrigin(link)) {
            throw api.malformed(call, "its next-page link leaves " + url + " (not followed: it would carry the token)");
        }
        return link;
    }
}
