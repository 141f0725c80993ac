package dev.rollback.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.Json;
import dev.rollback.core.JsonLines;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code state-dir/releases.jsonl}, the release ledger. Append-only: a line records a release or
 * prunes one ({@code {"event":"pruned","id":…}}); reading folds the events. Appends are
 * crash-safe ({@link JsonLines}).
 */
public final class Ledger {
    private final JsonLines lines;

    public Ledger(Path stateDir) {
        this.lines = new JsonLines(stateDir.resolve("releases.jsonl"));
    }

    public Path file() {
        return lines.file();
    }

    /** Releases still in the ledger, oldest first. */
    public List<Release> releases() {
        Map<String, Release> live = new LinkedHashMap<>();
        for (JsonNode event : events()) {
            switch (event.path("event").asText()) {
                case "recorded" -> {
                    Release release = Json.MAPPER.convertValue(event.path("release"), Release.class);
                    live.put(release.id(), release);
                }
                case "pruned" -> live.remove(event.path("id").asText());
                default -> { }
            }
        }
        return new ArrayList<>(live.values());
    }

    /**
     * A release by id, a unique id prefix, or {@code latest}; exit 3 listing what exists otherwise.
     */
    public Release find(String idOrPrefix) {
        List<Release> releases = releases();
        if (idOrPrefix.equals("latest") && !releases.isEmpty()) {
            return releases.get(releases.size() - 1);
        }
        List<Release> matches = releases.stream().filter(r -> r.id().startsWith(idOrPrefix)).collect(Collectors.toList());
        Optional<Release> exact = matches.stream().filter(r -> r.id().equals(idOrPrefix)).findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw RollbackException.refused((matches.isEmpty() ? "no release " : "ambiguous release ") + idOrPrefix
            + " in the ledger; recorded: " + describe(releases));
    }

    public void record(Release release) throws IOException {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("event", "recorded");
        event.set("release", Json.MAPPER.valueToTree(release));
        append(event);
    }

    public void prune(String id) throws IOException {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("event", "pruned");
        event.put("id", id);
        event.put("at", Instant.now().toString());
        append(event);
    }

    static String describe(List<Release> releases) {
        return releases.isEmpty() ? "none (record a good deploy with `rollback release record`)"
            : releases.stream().map(Release::id).collect(Collectors.joining(", "));
    }

    private List<JsonNode> events() {
        try {
            return lines.read();
        } catch (IOException e) {
            throw RollbackException.refused("cannot read the release ledger " + lines.file() + ": " + e.getMessage());
        }
    }

    private void append(JsonNode event) throws IOException {
        lines.append(event);
    }
}
