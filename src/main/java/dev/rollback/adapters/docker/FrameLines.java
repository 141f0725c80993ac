package dev.rollback.adapters.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the demultiplexed frames of a log stream into lines, in arrival order. A frame is one
 * write of the process, not one line: it may hold several lines or half of one, so each stream
 * keeps its unfinished line until the newline arrives (stdout and stderr never mix mid-line).
 */
final class FrameLines extends FrameCallback {
    private final List<String> lines = new ArrayList<>();
    private final Map<StreamType, ByteArrayOutputStream> unfinished = new EnumMap<>(StreamType.class);

    @Override
    public synchronized void onNext(Frame frame) {
        ByteArrayOutputStream line =
            unfinished.computeIfAbsent(frame.getStreamType(), t -> new ByteArrayOutputStream());
        for (byte b : frame.getPayload()) {
            if (b == '\n') {
                lines.add(text(line));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    /** Complete lines plus any unfinished ones (a last line without newline), oldest first. */
    synchronized List<String> lines() {
        List<String> all = new ArrayList<>(lines);
        unfinished.values().stream().filter(line -> line.size() > 0).map(FrameLines::text).forEach(all::add);
        return all;
    }

    /** The last {@code count} lines. */
    List<String> tail(int count) {
        List<String> all = lines();
        return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
    }

    private static String text(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
