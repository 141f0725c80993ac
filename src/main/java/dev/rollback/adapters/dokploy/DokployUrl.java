package dev.rollback.adapters.dokploy;

import dev.rollback.adapters.http.SecretDestination;
import dev.rollback.core.RollbackException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The address of a Dokploy panel ({@code dokploy.url}) and the {@code /api/<procedure>} URLs under
 * it. Accepted with or without a trailing slash, and with or without a trailing {@code /api}
 * (Dokploy's own docs give the base URL as {@code https://host/api}, so users copy it that way).
 * The key travels with every request: https, or plain http to this machine only ({@link SecretDestination}).
 */
final class DokployUrl {
    private final String base;

    private DokployUrl(String base) {
        this.base = base;
    }

    static DokployUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw RollbackException.usage("dokploy.url is required: the address of the Dokploy panel, "
                + "e.g. https://dokploy.example.com");
        }
        URI uri = SecretDestination.require("dokploy.url", text, "the API key");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw RollbackException.usage("dokploy.url '" + text.strip() + "' must not have a query or fragment");
        }
        String scheme = uri.getScheme().toLowerCase();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (path.endsWith("/api")) {
            path = path.substring(0, path.length() - "/api".length());
        }
        return new DokployUrl(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** {@code https://host/api/deployment.all?applicationId=abc}; the query keeps the map's order. */
    URI api(String procedure, Map<String, String> query) {
        String encoded = query.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return URI.create(base + "/api/" + procedure + (encoded.isEmpty() ? "" : "?" + encoded));
    }

    /** The base address as the user knows it, without a trailing slash. */
    @Override
    public String toString() {
        return base;
    }
}
