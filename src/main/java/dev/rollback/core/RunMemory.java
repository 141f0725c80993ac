package dev.rollback.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a run chose that a re-run must not choose afresh. A redeploy asked for "previous" picks the
 * release older than what runs; killed after switching (or failed with Docker gone, so its undo
 * could not run), a re-run would find that release running and go one further back. So a step
 * remembers its choice in {@code state-dir/unfinished.json}, under the command's name, until a run
 * of that command succeeds; the next run of the same command recalls it and finishes the job.
 * Written under the lock, atomically (a complete temporary file renamed over the old one).
 */
public final class RunMemory {
    private static final RunMemory NONE = new RunMemory(null, "", false, s -> { });

    private final Path file;
    private final String command;
    private final boolean writable;
    private final Consumer<String> warn;
    private final JsonNode unfinished;

    private RunMemory(Path file, String command, boolean writable, Consumer<String> warn) {
        this.file = file;
        this.command = command;
        this.writable = writable;
        this.warn = warn;
        this.unfinished = file == null ? Json.MAPPER.createObjectNode() : read(file).path(command);
    }

    /** Nothing remembered, nothing kept: read-only plans and unit tests of single steps. */
    public static RunMemory none() {
        return NONE;
    }

    /** @param writable false for a dry run: it recalls what a real run would, and writes nothing */
    public static RunMemory open(Path stateDir, String command, boolean writable, Consumer<String> warn) {
        return new RunMemory(stateDir.resolve("unfinished.json"), command, writable, warn);
    }

    /**
     * What the unfinished run of this command remembered under {@code key}, said as a warning when
     * used ({@code what} names it: "going to release").
     */
    public Optional<String> recall(String key, String what) {
        JsonNode value = unfinished.path(key);
        if (!value.isTextual()) {
            return Optional.empty();
        }
        warn.accept("finishing the unfinished " + command + " of " + unfinished.path("startedAt").asText("an earlier run")
            + ": " + what + " " + value.asText() + ", as it had chosen");
        return Optional.of(value.asText());
    }

    /** Peeks without the warning: what a guard compares before recalling. */
    public Optional<String> peek(String key) {
        JsonNode value = unfinished.path(key);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    public void remember(String key, String value) {
        if (!writable) {
            return;
        }
        ObjectNode all = read(file);
        ObjectNode mine = all.with(command);
        if (!mine.has("startedAt")) {
            mine.put("startedAt", Instant.now().toString()).put("pid", Identity.pid());
        }
        mine.put(key, value);
        write(all, "cannot remember the run's choice in " + file);
    }

    /** The run of this command succeeded: nothing of it is unfinished. */
    void forget() {
        if (!writable || !Files.exists(file)) {
            return;
        }
        ObjectNode all = read(file);
        if (all.remove(command) != null) {
            try {
                write(all, "cannot update " + file);
            } catch (RollbackException e) {
                warn.accept("warning: " + e.getMessage() + "; the next " + command + " may recall this run's choice");
            }
        }
    }

    private void write(ObjectNode all, String failure) {
        try {
            PrivateFiles.replace(file, (Json.line(all) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw RollbackException.refused(failure + ": " + e.getMessage());
        }
    }

    private static ObjectNode read(Path file) {
        try {
            JsonNode node = Json.MAPPER.readTree(Files.readString(file));
            return node instanceof ObjectNode object ? object : Json.MAPPER.createObjectNode();
        } catch (IOException | RuntimeException missingOrTorn) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
