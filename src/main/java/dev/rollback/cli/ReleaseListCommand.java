package dev.rollback.cli;

import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.release.ListReleasesPlan;
import dev.rollback.release.ReleaseList;
import dev.rollback.release.ReleaseRow;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
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
        List<ReleaseRow> rows = report.result(ReleaseList.class).map(ReleaseList::releases).orElse(List.of());
        if (rows.isEmpty()) {
            out.println("no releases recorded; record a good deploy with `rollback release record`");
            return;
        }
        out.printf(Locale.ROOT, "%-17s %-21s %-13s %-8s %s%n", "RELEASE", "RECORDED (UTC)", "COMMIT", "CURRENT", "RESTORABLE");
        for (ReleaseRow row : rows) {
            String commit = row.gitCommit();
            out.printf(Locale.ROOT, "%-17s %-21s %-13s %-8s %s%n", row.id(),
                row.recordedAt().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                commit == null ? "-" : commit.substring(0, Math.min(12, commit.length())),
                row.current() ? "*" : "",
                restorable(row));
        }
    }

    private static String restorable(ReleaseRow row) {
        List<String> missing = row.missingImages();
        if (row.restorable()) {
            return missing == null ? "yes" : "yes (pulls " + missing + " from the registry by digest)";
        }
        return "no (images gone: " + missing + ")";
    }
}
