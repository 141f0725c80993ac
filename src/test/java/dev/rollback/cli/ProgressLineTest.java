package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static final long SECOND = 1_000_000_000L;
    private final StringWriter err = new StringWriter();
    private final AtomicLong now = new AtomicLong();

    private ProgressLine line(Terminal terminal, Palette palette) {
        return new ProgressLine(new PrintWriter(err, true), terminal, palette, now::get);
    }

    @Test
    void withoutATerminalEveryLineIsPrintedAsItComesWithoutCarriageReturns() {
        ProgressLine progress = line(Terminal.NONE, Palette.NONE);
        progress.accept("[1/2] restore the dump into merq_restore");
        now.addAndGet(3 * SECOND);
        progress.tick();
        progress.accept("    waiting for health: api: 502");
        progress.finish();

        assertThat(err.toString()).isEqualTo("[1/2] restore the dump into merq_restore\n"
            + "    waiting for health: api: 502\n").doesNotContain("\r");
    }

    @Test
    void onATerminalTheRunningStepIsOneLineRedrawnWithElapsedTimeAndWhatItAwaits() {
        ProgressLine progress = line(new Terminal(true, true, 120), Palette.NONE);
        progress.accept("[5/7] wait for the health gate");
        now.addAndGet(2 * SECOND);
        progress.tick();
        progress.accept("    waiting for health: api: 502");
        now.addAndGet(SECOND);
        progress.tick();

        String screen = err.toString();
        assertThat(screen).doesNotContain("\n");
        assertThat(lastDrawn(screen)).startsWith("[5/7] wait for the health gate · 3 s · waiting for health: api: 502");
    }

    @Test
    void onATerminalOtherLinesPrintAboveTheStepAndAFinishedStepShowsItsDuration() {
        ProgressLine progress = line(new Terminal(true, true, 120), Palette.NONE);
        progress.accept("[1/2] back up the current database");
        progress.accept("    volume data: 12 entries");
        now.addAndGet(1500 * 1_000_000L);
        progress.accept("[2/2] restore the dump");
        progress.finish();

        String[] lines = err.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lastDrawn(lines[0])).isEqualTo("    volume data: 12 entries");
        assertThat(lastDrawn(lines[1])).isEqualTo("[1/2] back up the current database (1.5 s)");
        assertThat(lastDrawn(lines[2])).isEqualTo("[2/2] restore the dump (0 ms)");
    }

    @Test
    void aLiveLineIsCutToTheTerminalWidthKeepingTheElapsedTime() {
        ProgressLine progress = line(new Terminal(true, true, 40), Palette.NONE);
        progress.accept("[1/1] restore the dump into a scratch database and check it");
        now.addAndGet(12 * SECOND);
        progress.tick();

        assertThat(lastDrawn(err.toString())).hasSize(39).endsWith("… · 12 s");
    }

    @Test
    void colourOnlyWhenThePaletteAllowsIt() {
        Terminal tty = new Terminal(true, true, 120);
        line(tty, Palette.NONE).accept("    failed: pg_restore exited 1");
        assertThat(err.toString()).doesNotContain("\u001b");

        line(tty, Palette.forStream(true, false, Map.of())).accept("    failed: pg_restore exited 1");
        assertThat(err.toString()).contains("\u001b[31m");
    }

    /** What a terminal shows on the current row: the text after the last carriage return, trailing blanks cut. */
    private static String lastDrawn(String row) {
        return row.substring(row.lastIndexOf('\r') + 1).stripTrailing();
    }
}
