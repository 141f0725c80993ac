package dev.rollback.cli;

import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.release.ListReleasesPlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code release list}: the ledger, newest first, with the current release and what is restorable. */
@Command(name = "list", mixinStandardHelpOptions = true,
    header = "List recorded releases, newest first.",
    description = "Mark the release that runs now and those that can still be restored.")
final class ReleaseListCommand extends PlanCommand {

    ReleaseListCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        return ListReleasesPlan.build(session.ledger(), session.docker(), session::runningStack);
    }

    @Override
    protected void printResult(Report report, PrintWriter out) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) report.result().getOrDefault("releases", List.of());
        if (rows.isEmpty()) {
            out.println("no releases recorded; record a good deploy with `rollback release record`");
            return;
        }
        out.printf(Locale.ROOT, "%-17s %-21s %-13s %-8s %s%n", "RELEASE", "RECORDED (UTC)", "COMMIT", "CURRENT", "RESTORABLE");
        for (Map<String, Object> row : rows) {
            Object commit = row.get("gitCommit");
            out.printf(Locale.ROOT, "%-17s %-21s %-13s %-8s %s%n", row.get("id"),
                row.get("recordedAt").toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                commit == null ? "-" : commit.toString().substring(0, Math.min(12, commit.toString().length())),
                Boolean.TRUE.equals(row.get("current")) ? "*" : "",
                restorable(row));
        }
    }

    private static String restorable(Map<String, Object> row) {
        Object missing = row.get("missingImages");
        if (Boolean.TRUE.equals(row.get("restorable"))) {
            return missing == null ? "yes" : "yes (pulls " + missing + " from the registry by digest)";
        }
        return "no (images gone: " + missing + ")";
    }
}
