package dev.rollback.adapters.http;

import dev.rollback.core.RollbackException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The base address of an API a secret travels to ({@code digitalocean.api-url}, {@code dokploy.url},
 * {@code git.forge-api}) and the URLs under it. Only an address {@link SecretDestination} allows
 * (https, or plain http to this machine); written with or without trailing slashes, it is kept
 * without them, so {@code base + "/v2/…"} is the one way a request URL is made.
 */
public final class ApiBase {
    private final URI base;

    private ApiBase(URI base) {
        this.base = base;
    }

    /**
     * {@code text}, the value of config key {@code key}; exit 2 when {@code secret} ("the API key")
     * may not travel there, or when it has a query or fragment (requests append paths to it).
     */
    public static ApiBase parse(String key, String text, String secret) {
        URI uri = SecretDestination.require(key, text, secret);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw RollbackException.usage(key + " '" + text.strip() + "' must not have a query or fragment");
        }
        return of(uri);
    }

    /** An address already checked by {@link SecretDestination#require}: scheme, authority and path. */
    public static ApiBase of(URI checked) {
        String path = Objects.toString(checked.getRawPath(), "").replaceAll("/+$", "");
        return new ApiBase(URI.create(checked.getScheme().toLowerCase(Locale.ROOT) + "://" + checked.getRawAuthority()
            + path));
    }

    /** The same base without a trailing {@code suffix} (Dokploy's docs give its base as {@code https://host/api}). */
    public ApiBase without(String suffix) {
        String path = Objects.toString(base.getRawPath(), "");
        if (!path.endsWith(suffix)) {
            return this;
        }
        return new ApiBase(URI.create(base.getScheme() + "://" + base.getRawAuthority()
            + path.substring(0, path.length() - suffix.length())));
    }

    /** {@code base + pathAndQuery}; built from validated ids and names only. */
    public URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** {@code base + path + "?" + query}, each name and value URL-encoded, in the map's order. */
    public URI resolve(String path, Map<String, String> query) {
        String encoded = query.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return resolve(path + (encoded.isEmpty() ? "" : "?" + encoded));
    }

    /** Whether a link the API sent points at the same scheme, host and port as the base. */
    public boolean sameOrigin(URI link) {
        return base.getScheme().equalsIgnoreCase(Objects.toString(link.getScheme(), ""))
            && Objects.equals(base.getRawAuthority(), link.getRawAuthority());
    }

    /** The base as the user knows it, without a trailing slash. */
    @Override
    public String toString() {
        return base.toString();
    }
}
