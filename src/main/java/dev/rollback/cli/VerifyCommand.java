package dev.rollback.cli;

import dev.rollback.archive.ArchivePlan;
import dev.rollback.archive.ArchiveStatusReader;
import dev.rollback.core.Step;
import dev.rollback.pitr.ArchiveLayout;
import java.util.List;
import dev.rollback.core.Journal;
import dev.rollback.core.Plan;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DurationText;
import dev.rollback.verify.LogWindow;
import java.time.Instant;
import dev.rollback.verify.VerifyPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code verify}: the post-rollback verification of the strategies document (docs/runbook/strategies.md);
 * exit 0 when every check holds, 1 naming those that fail.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    header = "Check that the stack is healthy after a rollback.",
    description = {
        "Post-rollback verification, one step per check: every service's containers running, healthchecks "
            + "healthy, the last log lines free of errors, every HTTP check passing, the sample query returning. Exit 0 "
            + "when every check holds, 1 naming the checks that fail."})
final class VerifyCommand extends PlanCommand {
    @Option(names = "--logs-since", paramLabel = "DURATION",
        description = "Judge log lines of this recent period (e.g. 10m); default: since the last rollback finished.")
    String logsSince;

    VerifyCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        Instant logsFrom = logWindow(session);   // a bad --logs-since is a usage error, whatever Docker's state
        return VerifyPlan.build(session.verifyInputs(session.compose().services(), logsFrom), archiving(session));
    }

    /** Where the stack has a database: whether WAL archiving, if set up, is live. */
    private List<Step> archiving(Session session) {
        if (session.config().database().name() == null) {
            return List.of();
        }
        return List.of(ArchivePlan.liveCheck(new ArchiveStatusReader(new ArchiveLayout(session.config().backupsDir()),
            () -> session.postgres().replication(), app.clock())));
    }

    private Instant logWindow(Session session) {
        if (logsSince == null) {
            return LogWindow.sinceLastRollback(new Journal(session.config().stateDirPath()));
        }
        try {
            return app.clock().instant().minus(DurationText.parse(logsSince));
        } catch (IllegalArgumentException e) {
            throw RollbackException.usage("--logs-since: " + e.getMessage());
        }
    }
}
