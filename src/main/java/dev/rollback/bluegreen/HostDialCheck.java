package dev.rollback.bluegreen;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthResult;
import java.net.URI;

/**
 * "Wait until the proxy would route to it" when Caddy shares this host's network: the address is
 * asked exactly as Caddy dials it ({@code http://127.0.0.1:28341/health}), from this machine, as
 * many times in a row as {@link DialCheck} asks from a proxy's container. No helper container.
 */
final class HostDialCheck implements HealthCheck {
    private final String service;
    private final String url;
    private final HealthCheck get;

    HostDialCheck(HostHttp http, String service, String url) {
        this.service = service;
        this.url = url;
        this.get = http.get("dial:" + service, URI.create(url));
    }

    @Override
    public String name() {
        return "dial:" + service;
    }

    @Override
    public HealthResult probe() {
        for (int i = 0; i < DialCheck.REQUESTS; i++) {
            HealthResult result = get.probe();
            if (!result.healthy()) {
                return HealthResult.unhealthy(name(), url + " as Caddy dials it: " + result.detail());
            }
        }
        return HealthResult.healthy(name(), DialCheck.REQUESTS + " × 200 from " + url + " as Caddy dials it");
    }

    @Override
    public String toString() {
        return name() + " (" + url + " from this host, as Caddy dials it)";
    }
}
