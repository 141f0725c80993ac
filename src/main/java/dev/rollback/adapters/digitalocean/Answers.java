package dev.rollback.adapters.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.digitalocean.DigitalOcean.Action;
import dev.rollback.adapters.digitalocean.DigitalOcean.DnsRecord;
import dev.rollback.adapters.digitalocean.DigitalOcean.Droplet;
import dev.rollback.adapters.digitalocean.DigitalOcean.Image;
import dev.rollback.adapters.http.MalformedAnswer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the API's JSON objects (droplet, snapshot/backup, action, domain record) as published in
 * its reference. Unknown fields are ignored; a missing required one is a {@link MalformedAnswer}.
 */
final class Answers {
    private Answers() {
    }

    static Droplet droplet(JsonNode droplet) {
        String ip = null;
        for (JsonNode network : droplet.path("networks").path("v4")) {
            if ("public".equals(network.path("type").asText()) && ip == null) {
                ip = text(network, "ip_address");
            }
        }
        String size = droplet.path("size_slug").asText(droplet.path("size").path("slug").asText(null));
        return new Droplet(id(droplet), droplet.path("name").asText(""), text(droplet, "status"),
            droplet.path("region").path("slug").asText(null), size, ip);
    }

    static Image image(JsonNode image, Image.Kind kind) {
        List<String> regions = new ArrayList<>();
        image.path("regions").forEach(region -> regions.add(region.asText()));
        Integer minDisk = image.path("min_disk_size").isNumber() ? image.path("min_disk_size").asInt() : null;
        return new Image(id(image), image.path("name").asText(""), kind, instant(image, "created_at"), regions, minDisk);
    }

    static Action action(JsonNode action) {
        Instant completed = action.path("completed_at").isTextual() ? instant(action, "completed_at") : null;
        Instant started = action.path("started_at").isTextual() ? instant(action, "started_at") : null;
        return new Action(id(action), action.path("type").asText(""), text(action, "status"), started, completed);
    }

    static DnsRecord record(JsonNode record) {
        return new DnsRecord(id(record), text(record, "type"), record.path("name").asText(""),
            text(record, "data"), record.path("ttl").asInt(0));
    }

    /** The object under {@code key} ({@code {"droplet": {...}}}). */
    static JsonNode under(JsonNode body, String key) {
        JsonNode node = body.path(key);
        if (!node.isObject()) {
            throw new MalformedAnswer("no '" + key + "' object in the answer");
        }
        return node;
    }

    private static long id(JsonNode node) {
        if (!node.path("id").canConvertToLong()) {
            throw new MalformedAnswer("an item without a numeric id");
        }
        return node.path("id").asLong();
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText(null);
        if (value == null || !node.path(field).isValueNode() || node.path(field).isNull()) {
            throw new MalformedAnswer("an item without '" + field + "'");
        }
        return value;
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new MalformedAnswer("'" + field + "' is not an ISO-8601 time");
        }
    }
}
