package dev.rollback.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields a request body may have, by the document's own schema: the properties of the schema
 * and of every allOf / anyOf / oneOf part it names. A top-level field outside them (a misspelt
 * {@code imgae}) is what a lenient server ignores silently, so the tool would think it sent it.
 */
final class RequestFields {
    private final JsonNode document;

    RequestFields(String yaml) {
        try {
            document = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per body field that {@code operation} ({@code POST /v2/droplets}) does not name. */
    List<String> unknown(String operation, String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        String[] parts = operation.split(" ", 2);
        JsonNode schema = document.path("paths").path(parts[1]).path(parts[0].toLowerCase()).path("requestBody")
            .path("content").path("application/json").path("schema");
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(body);
        } catch (IOException e) {
            return List.of(); // the validator reports a body that is not JSON
        }
        if (schema.isMissingNode() || !json.isObject()) {
            return List.of();
        }
        Set<String> named = new TreeSet<>();
        collect(schema, named, 0);
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!named.contains(field)) {
                unknown.add("request body field '" + field + "' is not in the document (it names " + named + ")");
            }
        }
        return unknown;
    }

    private void collect(JsonNode schema, Set<String> named, int depth) {
        if (depth > 20) {
            return;
        }
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/")) {
            collect(document.at(ref.substring(1)), named, depth + 1);
            return;
        }
        schema.path("properties").fieldNames().forEachRemaining(named::add);
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(combinator).forEach(part -> collect(part, named, depth + 1));
        }
    }
}
