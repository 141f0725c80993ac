package dev.rollback.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rollback.core.SecretNames;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The resolved compose configuration ({@code compose config}, interpolated: secrets included) made
 * fit for a bundle: every value under {@code environment:} and every value of a key that looks
 * secret ({@link SecretNames}) becomes {@code <redacted>}, in maps and in {@code KEY=VALUE} lists,
 * and passwords in URLs ({@code postgres://user:pw@db}) too. Text that does not parse as YAML is
 * not copied at all: unparsed, it cannot be redacted.
 */
final class ComposeRedaction {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern URL_PASSWORD = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*:)[^@/\\s]+@");

    private ComposeRedaction() {
    }

    static String redact(String config) {
        JsonNode root;
        try {
            root = YAML.readTree(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("compose printed a configuration that is not YAML, so it cannot be"
                + " redacted (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
        JsonNode redacted = walk(root, false);
        try {
            return YAML.writeValueAsString(redacted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the redacted configuration: " + e.getOriginalMessage(), e);
        }
    }

    /** @param secret everything below is secret (an environment, or a key that looks secret) */
    private static JsonNode walk(JsonNode node, boolean secret) {
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                boolean below = secret || key.equals("environment") || SecretNames.looksSecret(key);
                object.set(key, walk(object.get(key), below));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(array.get(i), secret));
            }
            return array;
        }
        if (node == null || node.isNull() || !secret && !node.isTextual()) {
            return node;
        }
        return TextNode.valueOf(secret ? keyOf(node.asText()) : scalar(node.asText()));
    }

    /** In a secret place: keep a {@code KEY=} prefix (a list entry), drop the value. */
    private static String keyOf(String value) {
        int equals = value.indexOf('=');
        return equals > 0 ? value.substring(0, equals + 1) + SecretNames.REDACTED : SecretNames.REDACTED;
    }

    /** Elsewhere: {@code KEY=VALUE} list entries with a secret-looking key, and URL passwords. */
    private static String scalar(String value) {
        int equals = value.indexOf('=');
        if (equals > 0 && SecretNames.looksSecret(value.substring(0, equals))) {
            return value.substring(0, equals + 1) + SecretNames.REDACTED;
        }
        return URL_PASSWORD.matcher(value).replaceAll("$1" + SecretNames.REDACTED + "@");
    }
}
