package dev.rollback.cli;

import dev.rollback.adapters.sql.JSqlStatements;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.config.Config;
import dev.rollback.migrations.CheckMigrationsPlan;
import dev.rollback.migrations.DatabaseTableSizes;
import dev.rollback.migrations.FileReport;
import dev.rollback.migrations.Finding;
import dev.rollback.migrations.MigrationPaths;
import dev.rollback.migrations.MigrationsResult;
import dev.rollback.migrations.SkippedFile;
import dev.rollback.release.RunningStack;
import dev.rollback.workdir.GitCheckout;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code check-migrations}: is a code rollback enough, or does the database need a restore? */
@Command(name = "check-migrations", mixinStandardHelpOptions = true,
    header = "Check whether migrations allow a code-only rollback.",
    description = {
        "Classify every statement of the migration files changed between two commits as safe, dangerous or to "
            + "review (the database rollback considerations of docs/runbook/strategies.md), and say whether a code "
            + "rollback is enough.",
        "Exit 0 when it is, 1 when a restore is needed or a statement needs review.",
        "Migrations moved or renamed unchanged are not new (git's rename detection); files of another database and, "
            + "when migrations.paths is set, files outside it are listed as skipped."})
final class CheckMigrationsCommand extends PlanCommand {
    @Option(names = "--from", paramLabel = "REV",
        description = "previous (default: the release redeploy would go back to), current, a release id, or a git revision.")
    String from = "previous";

    @Option(names = "--to", paramLabel = "REV", description = "A git revision (default: HEAD of the checkout).")
    String to = "HEAD";

    CheckMigrationsCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        Config config = session.config();
        return CheckMigrationsPlan.build(new CheckMigrationsPlan.Inputs(() -> GitCheckout.around(config.workdir()),
            session.ledger(), () -> RunningStack.imageIds(session.runningStack()), from, to,
            MigrationPaths.of(config.migrations()), new JSqlStatements(),
            new DatabaseTableSizes(session::postgres, config.migrations().largeTableRows()),
            config.migrations().largeTableRows()));
    }

    @Override
    protected void printResult(Report report, PrintWriter out) {
        report.result(MigrationsResult.class).ifPresent(result -> print(result, out));
    }

    private static void print(MigrationsResult result, PrintWriter out) {
        if (result.files().isEmpty()) {
            out.println("no migration files changed in the range");
        }
        for (SkippedFile skipped : result.skipped()) {
            out.printf(Locale.ROOT, "skipped %s: %s%n", skipped.path(), skipped.reason());
        }
        for (FileReport file : result.files()) {
            out.printf(Locale.ROOT, "%s (%s, %s)%n", file.path(), file.format(), file.change());
            for (Finding finding : file.statements()) {
                out.printf(Locale.ROOT, "  line %-4d %-9s %-18s %s%n", finding.line(), finding.verdict().wire(),
                    finding.kind(), finding.reason());
            }
            if (file.note() != null) {
                out.println("  note: " + file.note());
            }
        }
        Map<String, Long> counts = result.counts();
        out.printf(Locale.ROOT, "verdict: %s (%d dangerous, %d to review, %d safe)%n", result.verdict(),
            counts.get("dangerous"), counts.get("review"), counts.get("safe"));
    }
}
