package dev.rollback.adapters.forge;

import dev.rollback.adapters.http.SecretDestination;
import java.net.URI;
import java.util.Locale;

/**
 * The forge as {@code git.forge-api} names it: the REST API the token is sent to (https, or plain
 * http to this machine: {@link SecretDestination}), and the git host the same token belongs to.
 * GitHub serves its API on {@code api.github.com} and git on {@code github.com} (GitHub Enterprise
 * Cloud likewise: {@code api.<name>.ghe.com} and {@code <name>.ghe.com}); GitHub Enterprise Server
 * serves both on one host ({@code https://ghe.example.com/api/v3}). So the git host is the API's
 * host without a leading {@code api.}.
 */
public record ForgeApi(URI api, String gitHost) {
    public static final String DEFAULT_API = "https://api.github.com";

    /** {@code text} (null or blank: api.github.com); exit 2 when it is not an address the token may go to. */
    public static ForgeApi parse(String text) {
        String written = text == null || text.isBlank() ? DEFAULT_API : text.strip();
        URI api = SecretDestination.require("git.forge-api", written, "the forge token");
        String host = api.getHost().toLowerCase(Locale.ROOT);
        return new ForgeApi(api, host.startsWith("api.") ? host.substring("api.".length()) : host);
    }
}
