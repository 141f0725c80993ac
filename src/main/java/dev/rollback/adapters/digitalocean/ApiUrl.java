package dev.rollback.adapters.digitalocean;

import dev.rollback.core.RollbackException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Set;

/**
 * The API's base address ({@code digitalocean.api-url}, default https://api.digitalocean.com) and
 * the URLs under it. The token is sent to this address only: plain http is accepted for a
 * loopback stub and nothing else, and a pagination link to any other origin is not followed.
 */
final class ApiUrl {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final URI base;

    private ApiUrl(URI base) {
        this.base = base;
    }

    static ApiUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw RollbackException.usage("digitalocean.api-url '" + text.strip() + "' is not a valid URL ("
                + e.getReason() + ")");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw RollbackException.usage("digitalocean.api-url must be a plain address (no credentials, query or"
                + " fragment); the token comes from the variable named by digitalocean.token-env");
        }
        String scheme = Objects.toString(uri.getScheme(), "").toLowerCase();
        boolean loopback = uri.getHost() != null && LOOPBACK.contains(uri.getHost());
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
            throw RollbackException.usage("digitalocean.api-url '" + text.strip() + "' must be an https:// address"
                + " (plain http only for a stub on this machine): the token travels with every request");
        }
        String path = Objects.toString(uri.getRawPath(), "").replaceAll("/+$", "");
        return new ApiUrl(URI.create(scheme + "://" + uri.getRawAuthority() + path));
    }

    /** {@code base + /v2/…}; {@code pathAndQuery} is built from validated ids and names only. */
    URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** Whether a link the API sent points at the same scheme, host and port as the base. */
    boolean sameOrigin(URI link) {
        return base.getScheme().equalsIgnoreCase(Objects.toString(link.getScheme(), ""))
            && Objects.equals(base.getRawAuthority(), link.getRawAuthority());
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
