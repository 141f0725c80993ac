package dev.rollback.adapters.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.RollbackException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Caddy's running configuration (its JSON, as {@code GET /config/} answers it), seen as what
 * blue-green needs: the addresses its {@code reverse_proxy} handlers dial. Handlers are found at any
 * depth (the Caddyfile adapter nests them in {@code subroute}s). Everything else in the document is
 * kept byte for byte in meaning, so loading {@link #redirect}'s result changes only the dials.
 *
 * <p>The document may hold secrets (basic-auth hashes, header values): it is never logged, and
 * {@link #toString} shows only the dials.
 */
public final class ProxyRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode config;

    private ProxyRoutes(JsonNode config) {
        this.config = config;
    }

    public static ProxyRoutes parse(String json) {
        JsonNode config;
        try {
            config = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw RollbackException.failed("Caddy answered a configuration that is not JSON (line "
                + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
        if (config == null || !config.isObject()) {
            throw RollbackException.refused("Caddy runs no configuration (its admin API answered "
                + (config == null ? "nothing" : config.getNodeType().toString().toLowerCase()) + ")");
        }
        return new ProxyRoutes(config);
    }

    /** The document to load. */
    public String json() {
        return config.toString();
    }

    /** Every dial address of every reverse_proxy upstream, in document order, without repeats. */
    public List<String> dials() {
        Set<String> dials = new LinkedHashSet<>();
        eachUpstreamList(config, upstreams -> upstreams.forEach(u -> dials.add(u.path("dial").asText(""))));
        dials.remove("");
        return List.copyOf(dials);
    }

    /**
     * The same configuration with every upstream that dials {@code host:port}, for a host in
     * {@code addresses}, replaced by one upstream per new address on the same port:
     * {@code backend:80} with {@code backend → [10.0.9.2]} becomes {@code 10.0.9.2:80}. Other
     * upstream fields (e.g. {@code max_requests}) are kept on each replacement.
     */
    public ProxyRoutes redirect(Map<String, List<String>> addresses) {
        JsonNode copy = config.deepCopy();
        eachUpstreamList(copy, upstreams -> {
            List<JsonNode> replaced = new ArrayList<>();
            for (JsonNode upstream : upstreams) {
                Optional<HostPort> target = HostPort.parse(upstream.path("dial").asText(""))
                    .filter(hp -> addresses.containsKey(hp.host()));
                if (target.isEmpty()) {
                    replaced.add(upstream);
                    continue;
                }
                for (String address : addresses.get(target.get().host())) {
                    ObjectNode moved = ((ObjectNode) upstream).deepCopy();
                    moved.put("dial", new HostPort(address, target.get().port()).toString());
                    replaced.add(moved);
                }
            }
            upstreams.removeAll();
            upstreams.addAll(replaced);
        });
        return new ProxyRoutes(copy);
    }

    /**
     * The same configuration with every upstream whose dial is a key of {@code dials} dialing the
     * value instead ({@code 127.0.0.1:18341 → 127.0.0.1:28341}); every other field, and every other
     * upstream, as it was.
     */
    public ProxyRoutes replaceDials(Map<String, String> dials) {
        JsonNode copy = config.deepCopy();
        eachUpstreamList(copy, upstreams -> upstreams.forEach(upstream -> {
            String replacement = dials.get(upstream.path("dial").asText(""));
            if (replacement != null) {
                ((ObjectNode) upstream).put("dial", replacement);
            }
        }));
        return new ProxyRoutes(copy);
    }

    /** Walks the whole document: every object with {@code "handler": "reverse_proxy"} and an upstreams array. */
    private static void eachUpstreamList(JsonNode node, Consumer<ArrayNode> action) {
        if (node.isObject()) {
            if ("reverse_proxy".equals(node.path("handler").asText()) && node.path("upstreams").isArray()) {
                action.accept((ArrayNode) node.get("upstreams"));
            }
            node.forEach(child -> eachUpstreamList(child, action));
        } else if (node.isArray()) {
            node.forEach(child -> eachUpstreamList(child, action));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProxyRoutes routes && routes.config.equals(config);
    }

    @Override
    public int hashCode() {
        return config.hashCode();
    }

    @Override
    public String toString() {
        return "routes to " + dials();
    }

    /** A dial address {@code host:port}; IPv6 hosts in brackets. Placeholders and unix sockets are not one. */
    public record HostPort(String host, int port) {
        public static Optional<HostPort> parse(String dial) {
            int colon = dial.lastIndexOf(':');
            if (colon <= 0 || dial.contains("{") || dial.contains("/")) {
                return Optional.empty();
            }
            try {
                String host = dial.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                return Optional.of(new HostPort(host, Integer.parseInt(dial.substring(colon + 1))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
