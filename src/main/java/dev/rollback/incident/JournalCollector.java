package dev.rollback.incident;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Journal;
import dev.rollback.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code journal-tail.jsonl}: the last runs of this tool (reports hold no secrets); the newest few in the summary. */
final class JournalCollector implements Collector {
    static final int ENTRIES = 20;
    private static final int IN_SUMMARY = 5;

    private final Path stateDir;

    JournalCollector(Path stateDir) {
        this.stateDir = stateDir;
    }

    @Override
    public String name() {
        return "journal";
    }

    @Override
    public void collect(Bundle bundle) throws IOException {
        Journal journal = new Journal(stateDir);
        if (!Files.exists(journal.file())) {
            bundle.section("Recent journal", List.of("No run recorded yet in " + journal.file() + "."));
            return;
        }
        List<JsonNode> entries = journal.entries();
        List<JsonNode> tail = entries.subList(Math.max(0, entries.size() - ENTRIES), entries.size());
        StringBuilder lines = new StringBuilder();
        tail.forEach(entry -> lines.append(Json.line(entry)).append('\n'));
        bundle.file("journal-tail.jsonl", lines.toString());
        List<String> summary = new ArrayList<>();
        for (JsonNode entry : tail.subList(Math.max(0, tail.size() - IN_SUMMARY), tail.size())) {
            summary.add("- " + entry.path("startedAt").asText() + " " + entry.path("command").asText() + ": "
                + entry.path("status").asText() + (entry.path("error").has("message")
                ? " (" + entry.path("error").path("message").asText() + ")" : "")
                + " by " + entry.path("user").asText("?") + "@" + entry.path("host").asText("?"));
        }
        bundle.section("Recent journal", summary.isEmpty() ? List.of("The journal is empty.") : summary);
    }
}
