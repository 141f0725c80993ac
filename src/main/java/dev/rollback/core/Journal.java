package dev.rollback.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code state-dir/journal.jsonl}: one line per run, the report plus who and where. Crash-safe
 * appends ({@link JsonLines}): a crash never leaves a half line behind a complete one.
 */
public final class Journal {
    private final JsonLines lines;

    public Journal(Path stateDir) {
        this.lines = new JsonLines(stateDir.resolve("journal.jsonl"));
    }

    public Path file() {
        return lines.file();
    }

    public void append(Report report) throws IOException {
        ObjectNode line = Json.MAPPER.valueToTree(report);
        line.put("user", Identity.user());
        line.put("host", Identity.host());
        line.put("pid", Identity.pid());
        lines.append(line);
    }

    /** All complete entries, oldest first. */
    public List<JsonNode> entries() throws IOException {
        return lines.read();
    }
}
