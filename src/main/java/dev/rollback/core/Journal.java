package dev.rollback.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code state-dir/journal.jsonl}: one line per run, the report plus who and where. Each line is
 * written with one append and forced to disk, so a crash never leaves a half line behind a
 * complete one; a reader skips a torn last line instead of failing.
 */
public final class Journal {
    private final Path file;

    public Journal(Path stateDir) {
        this.file = stateDir.resolve("journal.jsonl");
    }

    public Path file() {
        return file;
    }

    public void append(Report report) throws IOException {
        ObjectNode line = Json.MAPPER.valueToTree(report);
        line.put("user", Identity.user());
        line.put("host", Identity.host());
        line.put("pid", Identity.pid());
        Files.createDirectories(file.getParent());
        // After a crash mid-write the file may end in a torn line: start on a fresh line.
        String prefix = endsWithNewline() ? "" : "\n";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            byte[] bytes = (prefix + Json.line(line) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private boolean endsWithNewline() throws IOException {
        if (!Files.exists(file)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }

    /** All complete entries, oldest first. */
    public List<JsonNode> entries() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(Json.MAPPER.readTree(line));
                } catch (IOException torn) {
                    // A line cut by a crash: skip it, keep the rest readable.
                }
            }
        } catch (NoSuchFileException none) {
            return List.of();
        }
        return entries;
    }
}
