package dev.rollback.cli;

import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import java.io.PrintWriter;

/** A command that builds a plan and lets the executor run it; prints the report. */
abstract class PlanCommand extends BaseCommand implements ReportCommand {

    protected PlanCommand(AppContext app) {
        super(app);
    }

    protected abstract Plan plan(Session session);

    @Override
    public final Report report(Session session) {
        return session.execute(plan(session));
    }

    @Override
    protected final int run(Session session) {
        Report report = report(session);
        ReportPrinter.print(report, session.options().json(), app.out(), session.reportPalette(), this::printResult);
        if (report.error() != null) {
            app.err().println("rollback: " + report.error().message());
        }
        return report.exitCode();
    }

    /** Text output of the command-specific result, after the steps. Default: key: value lines. */
    protected void printResult(Report report, PrintWriter out) {
        report.result().forEach((key, value) -> out.println(key + ": " + value));
    }
}
