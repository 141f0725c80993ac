package dev.rollback.cli;

import dev.rollback.core.Journal;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import dev.rollback.history.HistoryPlan;
import dev.rollback.history.HistoryQuery;
import dev.rollback.history.HistoryResult;
import dev.rollback.history.JournalEntry;
import dev.rollback.history.SinceText;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code history}: past runs from the journal, and measured recovery times against the runbook's table. */
@Command(name = "history", mixinStandardHelpOptions = true,
    header = "Show past runs and the recovery time of each level.",
    description = {
        "Past runs from the journal, newest first: when, who, command, outcome, duration; and per runbook level "
            + "the median of the measured recovery times against the runbook's typical time."})
final class HistoryCommand extends PlanCommand {
    @Option(names = "--level", paramLabel = "N", description = "Only runs of this runbook level (1-4).")
    Integer level;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only runs started since: 2026-11-21, 2026-11-21T10:00:00Z, 7d, 36h.")
    String since;

    @Option(names = "--limit", paramLabel = "N", description = "At most N rows (the summary still counts every matching run).")
    Integer limit;

    @Option(names = "--command", paramLabel = "C", description = "Only runs of this command (redeploy, db-restore, verify, ...).")
    String command;

    HistoryCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        if (level != null && (level < 1 || level > 4)) {
            throw RollbackException.usage("--level must be 1 to 4, got " + level);
        }
        if (limit != null && limit < 1) {
            throw RollbackException.usage("--limit must be at least 1, got " + limit);
        }
        return HistoryPlan.build(new Journal(session.config().stateDirPath()),
            new HistoryQuery(level, sinceInstant(), command, limit));
    }

    private Instant sinceInstant() {
        try {
            return since == null ? null : SinceText.parse(since, app.clock());
        } catch (IllegalArgumentException e) {
            throw RollbackException.usage("--since: " + e.getMessage());
        }
    }

    @Override
    protected void printResult(Report report, PrintWriter out) {
        report.result(HistoryResult.class).ifPresent(history -> print(history, out));
    }

    private static void print(HistoryResult history, PrintWriter out) {
        List<JournalEntry> runs = history.runs();
        if (runs.isEmpty()) {
            out.println("no runs in " + history.journal() + " match");
        } else {
            out.printf(Locale.ROOT, "%-20s %-24s %-18s %-5s %-11s %9s  %s%n", "STARTED (UTC)", "WHO", "COMMAND", "LEVEL",
                "OUTCOME", "DURATION", "NOTE");
            for (JournalEntry run : runs) {
                out.printf(Locale.ROOT, "%-20s %-24s %-18s %-5s %-11s %9s  %s%n",
                    run.startedAt().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' '), run.who(),
                    run.command(), run.level() == null ? "-" : run.level(),
                    run.status() + (run.dryRun() ? "*" : ""), ReportPrinter.seconds(run.durationMs()), note(run));
            }
        }
        history.recoveryTimes().forEach(time -> out.println(time.line()));
    }

    private static String note(JournalEntry run) {
        if (run.dryRun()) {
            return "dry run";
        }
        if (run.error() != null) {
            return shorten(run.error());
        }
        return run.restoreMs() == null ? "" : "restore " + ReportPrinter.seconds(run.restoreMs()) + " of " + run.backup();
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
