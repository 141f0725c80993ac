package dev.rollback.adapters.dokploy;

import dev.rollback.adapters.http.ApiBase;
import dev.rollback.core.RollbackException;
import java.net.URI;
import java.util.Map;

/**
 * The address of a Dokploy panel ({@code dokploy.url}) and the {@code /api/<procedure>} URLs under
 * it. Accepted with or without a trailing slash, and with or without a trailing {@code /api}
 * (Dokploy's own docs give the base URL as {@code https://host/api}, so users copy it that way).
 * The key travels with every request: https, or plain http to this machine only ({@link ApiBase}).
 */
final class DokployUrl {
    private final ApiBase base;

    private DokployUrl(ApiBase base) {
        this.base = base;
    }

    static DokployUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw RollbackException.usage("dokploy.url is required: the address of the Dokploy panel, "
                + "e.g. https://dokploy.example.com");
        }
        return new DokployUrl(ApiBase.parse("dokploy.url", text, "the API key").without("/api"));
    }

    /** {@code https://host/api/deployment.all?applicationId=abc}; the query keeps the map's order. */
    URI api(String procedure, Map<String, String> query) {
        return base.resolve("/api/" + procedure, query);
    }

    /** The base address as the user knows it, without a trailing slash. */
    @Override
    public String toString() {
        return base.toString();
    }
}
