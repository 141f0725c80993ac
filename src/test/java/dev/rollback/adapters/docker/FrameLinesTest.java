package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameLinesTest {
    private final FrameLines lines = new FrameLines();

    @Test
    void splitsFramesIntoLinesAcrossFrameBoundaries() {
        lines.onNext(frame(StreamType.STDOUT, "app v1 star"));
        lines.onNext(frame(StreamType.STDOUT, "ting\nlistening on :80\r\n"));

        assertThat(lines.lines()).containsExactly("app v1 starting", "listening on :80");
    }

    @Test
    void keepsStdoutAndStderrLinesApartInArrivalOrder() {
        lines.onNext(frame(StreamType.STDOUT, "half of out"));
        lines.onNext(frame(StreamType.STDERR, "ERROR: boom\n"));
        lines.onNext(frame(StreamType.STDOUT, " line\n"));

        assertThat(lines.lines()).containsExactly("ERROR: boom", "half of out line");
    }

    @Test
    void returnsALastLineWithoutNewlineAndTailsTheEnd() {
        lines.onNext(frame(StreamType.STDOUT, "one\ntwo\nthree"));

        assertThat(lines.tail(2)).containsExactly("two", "three");
        assertThat(lines.tail(10)).containsExactly("one", "two", "three");
    }

    private static Frame frame(StreamType type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }
}
