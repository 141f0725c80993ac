package dev.rollback.contract;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds which declared operation ({@code GET /v2/droplets/{droplet_id}}) a concrete request
 * ({@code GET /v2/droplets/3164444}) is: a template variable matches one path segment.
 */
final class Operations {
    private record Template(String operation, String method, Pattern path) {
    }

    private final List<Template> templates;

    /**
     * @param operations {@code METHOD /path/{template}} each
     * @param prefix     what the tool puts before the document's paths ({@code /api} for Dokploy, whose
     *                   server URL ends in it), or empty
     */
    Operations(List<String> operations, String prefix) {
        this.templates = operations.stream().map(operation -> {
            String[] parts = operation.split(" ", 2);
            String regex = Pattern.quote(prefix + parts[1]).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            return new Template(operation, parts[0], Pattern.compile(regex));
        }).toList();
    }

    /** The declared operation {@code method} on {@code path} (no query string) is, if any. */
    Optional<String> find(String method, String path) {
        return templates.stream().filter(t -> t.method.equalsIgnoreCase(method) && t.path.matcher(path).matches())
            .map(Template::operation).findFirst();
    }

    /** The decoded query parameters of {@code url} ({@code /x?a=1&b=%20}), in order. */
    static Map<String, String> query(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        int start = url.indexOf('?');
        if (start < 0) {
            return query;
        }
        for (String pair : url.substring(start + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }
}
