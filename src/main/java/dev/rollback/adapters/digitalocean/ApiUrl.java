package dev.rollback.adapters.digitalocean;

import dev.rollback.adapters.http.SecretDestination;
import dev.rollback.core.RollbackException;
import java.net.URI;
import java.util.Objects;

/**
 * The API's base address ({@code digitalocean.api-url}, default https://api.digitalocean.com) and
 * the URLs under it. The token is sent to this address only ({@link SecretDestination}: https, or
 * plain http to this machine), and a pagination link to any other origin is not followed.
 */
final class ApiUrl {
    private final URI base;

    private ApiUrl(URI base) {
        this.base = base;
    }

    static ApiUrl parse(String text) {
        URI uri = SecretDestination.require("digitalocean.api-url", text, "the token");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw RollbackException.usage("digitalocean.api-url must be a plain address (no query or fragment)");
        }
        String path = Objects.toString(uri.getRawPath(), "").replaceAll("/+$", "");
        return new ApiUrl(URI.create(uri.getScheme().toLowerCase() + "://" + uri.getRawAuthority() + path));
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
