package dev.rollback.adapters.proxy;

import java.util.List;

/**
 * The reverse proxy in front of the stack, through its control API. Unreachable is exit 4; a
 * configuration the proxy refuses is exit 1 (and the proxy keeps the one it had).
 */
public interface Proxy {
    /** Where the API is, for messages: {@code http://127.0.0.1:2019}. */
    String adminUrl();

    /** Fails with exit 4 when the API does not answer 2xx. */
    void requireReachable();

    /** The configuration the proxy runs now. */
    ProxyRoutes current();

    /** Replaces the running configuration, gracefully: open connections finish on the old one. */
    void load(ProxyRoutes routes);

    /** The upstream addresses the proxy currently holds, with their counters. */
    List<Upstream> upstreams();
}
