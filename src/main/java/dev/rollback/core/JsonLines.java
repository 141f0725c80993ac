package dev.rollback.core;

import com.fasterxml.jackson.databind.JsonNode;
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
 * An append-only file of JSON lines (the journal, the release ledger). Each line is one append,
 * forced to disk, so a crash never damages an earlier line; a torn last line is skipped when
 * reading, and the next append starts on a fresh line instead of gluing onto it. The file and its
 * directory are created owner-only: the journal says what ran against which database, and when.
 */
public final class JsonLines {
    private final Path file;

    public JsonLines(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public void append(JsonNode value) throws IOException {
        PrivateFiles.createDirectories(file.getParent());
        String prefix = endsWithNewline() ? "" : "\n";
        byte[] bytes = (prefix + Json.line(value) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = PrivateFiles.open(file, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Every complete line, oldest first; none when the file does not exist. */
    public List<JsonNode> read() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    lines.add(Json.MAPPER.readTree(line));
                } catch (IOException torn) {
                    // A line cut by a crash: skip it, keep the rest readable.
                }
            }
        } catch (NoSuchFileException none) {
            return List.of();
        }
        return lines;
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
}
