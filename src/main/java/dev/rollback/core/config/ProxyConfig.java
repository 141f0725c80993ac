package dev.rollback.core.config;

import java.net.URI;
import java.util.List;

/**
 * {@code proxy:} the reverse proxy in front of the stack. Only Caddy is supported, switched through
 * its admin API (see docs/blue-green.md).
 *
 * @param kind      {@code caddy}
 * @param container the proxy's container (name or id), for attaching it to the networks it must reach
 * @param service   or: the proxy's compose service in this stack's project, found by compose's labels;
 *                  one {@code rollback.yml} then works on Compose v1 and v2, which name containers
 *                  differently ({@code merq_caddy_1}, {@code merq-caddy-1})
 * @param caddyfile the user's Caddyfile, for messages only: the tool never edits it
 * @param admin     the admin API as this machine reaches it, e.g. {@code http://127.0.0.1:2019}
 */
public record ProxyConfig(String kind, String container, String service, String caddyfile, String admin) {
    public static final String DEFAULT_ADMIN = "http://127.0.0.1:2019";

    public ProxyConfig {
        kind = kind != null ? kind : "caddy";
        Names.requireOneOf("proxy.kind", kind, List.of("caddy"));
        admin = admin != null ? admin : DEFAULT_ADMIN;
        requireHttpUrl(admin);
        if (container != null) {
            Names.requireContainerName("proxy.container", container);
        }
        if (service != null) {
            Names.requireServiceName("proxy.service", service);
        }
        if (container != null && service != null) {
            throw new ConfigException("proxy: give container or service, not both (service: "
                + service + " finds the container by its compose labels)");
        }
    }

    /** Whether the proxy's container is named, directly or by its compose service. */
    public boolean located() {
        return container != null || service != null;
    }

    private static void requireHttpUrl(String admin) {
        URI uri;
        try {
            uri = URI.create(admin);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("proxy.admin: '" + admin + "' is not a valid URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigException("proxy.admin: '" + admin + "' must be an http:// URL with a host, e.g. "
                + DEFAULT_ADMIN);
        }
    }
}
