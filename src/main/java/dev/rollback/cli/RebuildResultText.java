package dev.rollback.cli;

import dev.rollback.core.Report;
import dev.rollback.rebuild.ChosenImage;
import dev.rollback.rebuild.DnsChange;
import dev.rollback.rebuild.RecoveryTime;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Level 4's result for a human, most useful first: where the stack runs now, from what, the DNS
 * changes, the timings against the runbook, the incident bundle; the API calls only for a dry run.
 */
final class RebuildResultText {
    private RebuildResultText() {
    }

    static void print(Report report, PrintWriter out) {
        Map<String, Object> result = report.result();
        line(out, "provider", result.get("provider"));
        Object before = result.get("serverIpBefore");
        if (before != null || result.get("serverIpAfter") != null) {
            line(out, "server", before + " -> " + (result.get("serverIpAfter") == null ? "(not restored)"
                : result.get("serverIpAfter")) + (result.get("newDropletId") == null ? ""
                : " (new droplet " + result.get("newDropletId") + ")"));
        }
        if (result.get("image") instanceof ChosenImage image) {
            line(out, "image", image.kind() + " " + image.id() + " (" + image.name() + ", " + image.createdAt() + ")");
        }
        line(out, "release", result.get("release"));
        line(out, "database restored from", result.get("databaseBackup"));
        list(out, "DNS", result.get("dnsChanges"));
        if (result.get("recoveryTime") instanceof RecoveryTime recovery) {
            line(out, "recovery time", recovery.measuredMs() + " ms, " + recovery.percentOfEstimate()
                + "% of the runbook's level 4 estimate (" + recovery.runbookEstimate() + ")");
        }
        if (result.get("phaseMs") instanceof Map<?, ?> phases) {
            out.println("phases (ms): " + phases);
        }
        line(out, "incident bundle", result.get("incidentBundle"));
        list(out, "not in the bundle", result.get("incidentMissing"));
        if (report.dryRun()) {
            list(out, "API calls it would make", result.get("apiCalls"));
        }
    }

    private static void line(PrintWriter out, String label, Object value) {
        if (value != null) {
            out.println(label + ": " + value);
        }
    }

    private static void list(PrintWriter out, String label, Object value) {
        if (value instanceof List<?> items && !items.isEmpty()) {
            out.println(label + ":");
            items.forEach(item -> out.println("  " + item(item)));
        }
    }

    /** A DNS change as its line; anything else as it prints. */
    private static String item(Object item) {
        return item instanceof DnsChange change ? change.line() : String.valueOf(item);
    }
}
