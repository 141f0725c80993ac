package dev.rollback.cli;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.DumpInspector;
import dev.rollback.core.Journal;
import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.Config;
import dev.rollback.decide.CommandLineFormat;
import dev.rollback.decide.DecisionPlan;
import dev.rollback.decide.DecisionPlan.Configured;
import dev.rollback.decide.DecisionPlan.ReleaseHistory;
import dev.rollback.decide.Severity;
import dev.rollback.decide.StackShape;
import dev.rollback.history.DrillOutcomes;
import dev.rollback.platform.Capability;
import dev.rollback.platform.Platform;
import dev.rollback.workdir.GitCheckout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plan}: the runbook's decision tree over probed facts; {@code --execute} runs what it recommends. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    header = "Recommend a rollback level, and with --execute run it.",
    description = {
        "Probe the facts (health now, Docker and database reachable, the previous release restorable, the "
            + "migrations since it, the newest pre-deploy backup) and walk the runbook's decision tree: the recommended "
            + "level, why, and the exact command line. --execute runs it (usual confirmation)."})
final class DecideCommand extends BaseCommand implements ReportCommand {
    @Option(names = "--severity", required = true, paramLabel = "critical|minor",
        description = "How bad the incident is: the root of the runbook's decision tree.")
    Severity severity;

    @Option(names = "--execute", description = "Run the recommended command now (with --yes: without asking).")
    boolean execute;

    DecideCommand(AppContext app) {
        super(app);
    }

    @Override
    protected int run(Session session) {
        Report report = report(session);
        ReportPrinter.print(report, session.options().json(), app.out(), session.reportPalette(), PlanText::print);
        if (report.error() != null) {
            app.err().println("rollback: " + report.error().message());
        }
        return report.exitCode();
    }

    /** The advice, and with --execute the recommended run nested in it ({@link ExecutedPlan}). */
    @Override
    public Report report(Session session) {
        DecisionPlan.Run decision = DecisionPlan.build(inputs(session));
        Report advice = session.execute(decision.plan());
        if (!execute || advice.error() != null) {
            return advice;
        }
        try {
            return ExecutedPlan.combine(advice, RecommendedRun.execute(app, session, decision.sheet().recommendation()));
        } catch (RollbackException e) {
            return ExecutedPlan.refused(advice, e, app.clock());
        }
    }

    private DecisionPlan.Inputs inputs(Session session) {
        Config config = session.config();
        Platform platform = session.platform();
        boolean ownHistory = !platform.has(Capability.RELEASE_LEDGER);
        boolean appServices = !config.stack().appServices().isEmpty();
        boolean redeployAfterRestore = appServices && platform.has(Capability.REDEPLOY_AFTER_RESTORE);
        boolean blueGreen = appServices && platform.has(Capability.BLUE_GREEN);
        boolean infraRebuild = platform.has(Capability.INFRA_REBUILD);
        RollbackCommand options = session.options();
        return new DecisionPlan.Inputs(
            new DecisionPlan.Advice(severity,
                new StackShape(redeployAfterRestore, config.backupsDir().toString(), blueGreen
                    && config.proxy() != null && config.proxy().located() && !config.health().checks().isEmpty(),
                    infraRebuild, appServices && platform.has(Capability.STOP_APP)),
                new CommandLineFormat(options.config == null ? null : options.config.toString(), options.yes)),
            session.docker(),
            new DecisionPlan.HealthChecks(session::serviceChecks, session.httpChecks()),
            new DecisionPlan.DatabaseAccess(session::postgres, configured(config.database().name())),
            new DecisionPlan.ReleaseHistory(session.ledger(), session::runningStack,
                ownHistory ? ReleaseHistory.Source.PLATFORM : ReleaseHistory.Source.LEDGER),
            new DecisionPlan.GitAccess(() -> GitCheckout.around(config.workdir()), config.git().remote(),
                configured(config.git().url()),
                session.migrationCheck()),
            new DecisionPlan.BackupAccess(new BackupStore(config.backupsDir(), app.clock()),
                new DumpInspector(postgresOrNull(session)),
                () -> DrillOutcomes.lastFailed(new Journal(config.stateDirPath()))),
            app.clock());
    }

    private static Configured configured(String setting) {
        return setting != null ? Configured.YES : Configured.NO;
    }

    /** Archive backups are checked with pg_restore through the database adapter; plain dumps need none. */
    private static Postgres postgresOrNull(Session session) {
        try {
            return session.postgres();
        } catch (RollbackException notConfigured) {
            return null;
        }
    }
}
