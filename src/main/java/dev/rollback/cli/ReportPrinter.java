package dev.rollback.cli;

import dev.rollback.core.Json;
import dev.rollback.core.Report;
import dev.rollback.core.StepReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.BiConsumer;

/** Writes a report to stdout: exactly one JSON document, or a readable text summary. */
final class ReportPrinter {
    private ReportPrinter() {
    }

    static void print(Report report, boolean json, PrintWriter out, BiConsumer<Report, PrintWriter> result) {
        print(report, json, out, Palette.NONE, result);
    }

    /** As above; the text form colours status words with the palette (none unless stdout is a terminal). */
    static void print(Report report, boolean json, PrintWriter out, Palette palette,
                      BiConsumer<Report, PrintWriter> result) {
        if (json) {
            out.println(Json.pretty(report));
        } else {
            printText(report, out, palette, result);
        }
        out.flush();
    }

    private static void printText(Report report, PrintWriter out, Palette palette,
                                  BiConsumer<Report, PrintWriter> result) {
        String status = report.status().wire();
        out.printf(Locale.ROOT, "%s: %s in %s%s%n", report.command(), palette.status(status, status),
            seconds(report.durationMs()), report.dryRun() ? " (dry run: nothing was changed)" : "");
        int width = report.steps().stream().mapToInt(s -> s.id().length()).max().orElse(0);
        for (StepReport step : report.steps()) {
            Object reason = step.detail().get("reason");
            String what = step.failed() ? step.error() : reason != null ? reason.toString() : step.description();
            String word = step.status().wire();
            // Pad before colouring: escape bytes would otherwise count towards the column width.
            out.printf(Locale.ROOT, "  %s %-" + width + "s  %s%s%n",
                palette.status(word, String.format(Locale.ROOT, "%-9s", word)), step.id(), what,
                step.durationMs() > 0 ? " (" + seconds(step.durationMs()) + ")" : "");
        }
        result.accept(report, out);
        if (report.error() != null) {
            out.println(palette.red("error:") + " " + report.error().message());
        }
    }

    static String seconds(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
