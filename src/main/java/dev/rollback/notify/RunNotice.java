package dev.rollback.notify;

import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import java.util.List;

/**
 * What a webhook is told about a run that changes something: that it started, or how it ended.
 *
 * @param event      {@code start} or {@code end}
 * @param command    the subcommand, {@code redeploy}
 * @param level      the runbook level (1-4), null for strategies and tools
 * @param status     at the end, the report's status ({@code succeeded}, {@code failed}, {@code refused}…); null at the start
 * @param durationMs at the end, how long the run took; null at the start
 * @param subject    at the end, the release reached or the backup written ({@code release v2}), when the report names one
 * @param host       the machine the tool ran on
 * @param error      at the end, the report's error line; null when it succeeded
 */
public record RunNotice(String event, String command, Integer level, String status, Long durationMs, String subject,
                        String host, String error) {
    public static final String START = "start";
    public static final String END = "end";

    /** The report's result keys that name what a run reached or wrote, in the order they are preferred. */
    private static final List<String> SUBJECT_KEYS = List.of("releaseReached", "release", "deploymentReached",
        "backup", "databaseBackup", "configRevision", "target");

    public static RunNotice started(Plan plan, String host) {
        return new RunNotice(START, plan.command(), plan.level(), null, null, null, host, null);
    }

    public static RunNotice ended(Report report, String host) {
        String subject = null;
        for (String key : SUBJECT_KEYS) {
            Object value = report.result().get(key);
            if (value != null) {
                subject = key.replace("Reached", "").replaceAll("([A-Z])", " $1").toLowerCase() + " " + value;
                break;
            }
        }
        return new RunNotice(END, report.command(), report.level(), report.status().wire(), report.durationMs(),
            subject, host, report.error() != null ? report.error().message() : null);
    }

    /** Whether this run ended other than succeeded. */
    public boolean failed() {
        return END.equals(event) && !"succeeded".equals(status);
    }
}
