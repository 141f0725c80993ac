package dev.rollback.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The operator's progress on stderr. Without a terminal: every line as it comes (logs and CI get
 * plain lines, no carriage returns). On a terminal: the running step ({@code [3/7] restore …}) is
 * one line that {@link #tick()} redraws with the elapsed time and what it is waiting for; other
 * lines print above it; a step's line is finished with its duration when the next one starts.
 * Redrawing uses only a carriage return and spaces, so the line itself has no escape bytes.
 */
final class ProgressLine implements Consumer<String> {
    private static final String WAITING = "waiting for ";

    private final PrintWriter err;
    private final Terminal terminal;
    private final Palette palette;
    private final LongSupplier nanos;
    /** The step on the live line, null between steps. */
    private Running running;
    private int drawn;

    /** A step on the live line: its header, what it waits for (null: nothing said yet), when it started. */
    private record Running(String header, String awaited, long startNanos) {
        Running awaiting(String what) {
            return new Running(header, what, startNanos);
        }
    }

    ProgressLine(PrintWriter err, Terminal terminal, Palette palette, LongSupplier nanos) {
        this.err = err;
        this.terminal = terminal;
        this.palette = palette;
        this.nanos = nanos;
    }

    /** Whether lines are redrawn in place (stderr is a terminal). */
    boolean live() {
        return terminal.stderr();
    }

    @Override
    public synchronized void accept(String line) {
        if (!live()) {
            err.println(line);
            return;
        }
        if (isStepHeader(line)) {
            endStep();
            running = new Running(line, null, nanos.getAsLong());
            draw();
        } else if (running != null && line.strip().startsWith(WAITING)) {
            running = running.awaiting(line.strip());
            draw();
        } else {
            clear();
            err.println(line.strip().startsWith("failed") ? palette.red(line) : line);
            draw();
        }
    }

    /** Redraws the running step's line with the time so far; called about once a second. */
    synchronized void tick() {
        if (live() && running != null) {
            draw();
        }
    }

    /** Ends the running step's line, before the report goes to stdout. */
    synchronized void finish() {
        if (live()) {
            endStep();
        }
    }

    private void endStep() {
        if (running == null) {
            return;
        }
        clear();
        err.println(fit(running.header()) + palette.dim(" (" + ReportPrinter.seconds(elapsedMs()) + ")"));
        running = null;
    }

    private void draw() {
        if (running == null) {
            err.flush();
            return;
        }
        String awaited = running.awaited() == null ? "" : " · " + running.awaited();
        String suffix = " · " + elapsedMs() / 1000 + " s" + awaited;
        // A long header gives way first: the elapsed time is what shows the step is alive.
        int room = terminal.columns() - 1 - suffix.length();
        String text = room >= 20 ? cut(running.header(), room) + suffix : fit(running.header() + suffix);
        err.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
        err.flush();
        drawn = text.length();
    }

    private void clear() {
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
    }

    /** Cut to the terminal's width: a wrapped line could not be redrawn in place. */
    private String fit(String text) {
        return cut(text, terminal.columns() - 1);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private long elapsedMs() {
        return (nanos.getAsLong() - running.startNanos()) / 1_000_000;
    }

    private static boolean isStepHeader(String line) {
        return line.matches("\\[\\d+/\\d+] .*");
    }
}
