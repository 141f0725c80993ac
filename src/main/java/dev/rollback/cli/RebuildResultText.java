package dev.rollback.cli;

import dev.rollback.core.Report;
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
        if (result.get("image") instanceof Map<?, ?> image) {
            line(out, "image", image.get("kind") + " " + image.get("id") + " (" + image.get("name") + ", "
                + image.get("createdAt") + ")");
        }
        line(out, "release", result.get("release"));
        line(out, "database restored from", result.get("databaseBackup"));
        list(out, "DNS", result.get("dnsChanges"));
        if (result.get("recoveryTime") instanceof Map<?, ?> recovery) {
            line(out, "recovery time", recovery.get("measuredMs") + " ms, " + recovery.get("percentOfEstimate")
                + "% of the runbook's level 4 estimate (" + recovery.get("runbookEstimate") + ")");
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

    /** A DNS change as "api.example.com A 1.2.3.4 -> 5.6.7.8 (TTL 60, updated)"; anything else as it prints. */
    private static String item(Object item) {
        if (item instanceof Map<?, ?> change && change.containsKey("record")) {
            return change.get("record") + " A " + change.get("old") + " -> " + change.get("new") + " (TTL "
                + change.get("ttl") + ", " + change.get("action") + ")";
        }
        return String.valueOf(item);
    }
}
