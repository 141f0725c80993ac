package dev.rollback.adapters.dokploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.dokploy.Dokploy.Deployment;
import dev.rollback.adapters.http.MalformedAnswer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of {@code deployment.all} / {@code deployment.allByCompose}: an array of deployment
 * rows, newest first (Dokploy sorts by {@code createdAt} descending; the order is kept as sent).
 * Read field by field rather than bound to a class, so the many columns this tool does not use
 * (pid, serverId, logPath, …) and any Dokploy adds later are ignored. Dates are ISO-8601 text, and
 * every one but {@code createdAt} is null until the deployment gets that far.
 */
final class DeploymentRows {
    private DeploymentRows() {
    }

    /** {@code rows} as the API client read it: a missing node for an empty body. */
    static List<Deployment> parse(JsonNode rows) {
        if (rows == null || !rows.isArray()) {
            throw new MalformedAnswer("expected a JSON array of deployments, got " + kind(rows));
        }
        List<Deployment> deployments = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            deployments.add(deployment(rows.get(i), "deployment [" + i + "]"));
        }
        return List.copyOf(deployments);
    }

    private static Deployment deployment(JsonNode row, String where) {
        if (!row.isObject()) {
            throw new MalformedAnswer(where + " is " + kind(row) + ", not an object");
        }
        return new Deployment(
            required(row, "deploymentId", where),
            text(row, "title", where),
            required(row, "status", where),
            instant(row, "createdAt", where),
            instant(row, "startedAt", where),
            instant(row, "finishedAt", where),
            text(row, "errorMessage", where),
            text(row, "rollbackId", where));
    }

    private static String required(JsonNode row, String field, String where) {
        String value = text(row, field, where);
        if (value == null || value.isBlank()) {
            throw new MalformedAnswer(where + " has no " + field);
        }
        return value;
    }

    /** Absent and JSON null both mean "not set". */
    private static String text(JsonNode row, String field, String where) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedAnswer(where + " has a " + field + " that is " + kind(value) + ", not text");
        }
        return value.asText();
    }

    private static Instant instant(JsonNode row, String field, String where) {
        String value = text(row, field, where);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            // ISO_INSTANT: "2025-03-01T10:00:00.000Z" as JavaScript's toISOString() writes it,
            // and, since JDK 12, an offset such as "+02:00" too.
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedAnswer(where + " has a " + field + " that is not an ISO-8601 instant: '"
                + value + "'");
        }
    }

    private static String kind(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
    }
}
