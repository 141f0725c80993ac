package dev.rollback.cli;

import dev.rollback.backup.BackupStore;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.incident.IncidentPlan;
import dev.rollback.incident.IncidentStep;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code incident}: the runbook's "Document Current State" as a bundle in the backups dir (level 4's first step). */
@Command(name = "incident", mixinStandardHelpOptions = true,
    header = "Record the stack's current state in a tarball.",
    description = {
        "Record the current state in <backups.dir>/incident_YYYYMMDD_HHMMSS.tar.gz: summary.md, docker ps -a, "
            + "each stack container's inspect (environment values redacted) and last 200 log lines, the resolved "
            + "compose config (secrets redacted), git HEAD and status, disk and memory figures, the last journal "
            + "entries.",
        "Works with Docker or the database down: what could not be collected is listed, and the exit code is "
            + "still 0 once the bundle is written (1 only when it cannot be written, 3 when the backups dir is not "
            + "writable)."})
final class IncidentCommand extends PlanCommand {

    IncidentCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        return IncidentPlan.build(session.incidentSources(),
            new BackupStore(session.config().backupsDir(), app.clock()), app.clock());
    }

    @Override
    protected void printResult(Report report, PrintWriter out) {
        Object bundle = report.result().get(IncidentStep.BUNDLE_RESULT);
        if (bundle != null) {
            out.println("bundle: " + bundle);
        }
        if (report.result().get(IncidentStep.MISSING_RESULT) instanceof List<?> missing) {
            missing.forEach(m -> out.println("not collected: " + m));
        }
    }
}
