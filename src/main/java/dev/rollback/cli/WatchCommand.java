package dev.rollback.cli;

import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import dev.rollback.core.RunStatus;
import dev.rollback.core.config.DurationText;
import dev.rollback.gate.GateChecks;
import dev.rollback.platform.Capability;
import dev.rollback.watch.FailedRound;
import dev.rollback.watch.WatchClock;
import dev.rollback.watch.WatchPlan;
import dev.rollback.watch.WatchResult;
import dev.rollback.watch.WatchWindow;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code watch}: after a deploy, probes what the health gate probes (Docker's view of every service,
 * the HTTP checks) for a window; when the deploy turns bad, runs the rollback by itself (a run of its
 * own, as if typed: {@code redeploy}, or {@code plan --severity critical --execute}), then
 * {@code verify}. Swarm's {@code update_config.monitor} and Argo Rollouts' analysis do this on their
 * own platforms; a compose stack has nothing else that does.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    header = "Watch a deploy and roll it back if it turns bad.",
    description = {
        "After a deploy: probe every service's containers (running, healthcheck healthy) and the HTTP checks in"
            + " rounds, every --interval for --for. --failures failed rounds in a row judge the deploy bad: then run"
            + " the rollback (--then redeploy: `rollback redeploy`, to the previous release; --then plan: what"
            + " `rollback plan --severity critical` recommends), then `rollback verify`. A healthy round resets the"
            + " count; a window that ends in the middle of a streak goes on until the streak ends or reaches --failures.",
        "Exit 0: healthy for the whole window, nothing changed. Exit 1: the deploy was judged bad; the report says"
            + " which checks failed and when, and whether the rollback succeeded (result.rollback). Exit 130 on"
            + " Ctrl-C: while probing, nothing was rolled back; during the rollback, as that command does on Ctrl-C.",
        "Without --yes the rollback asks on the terminal when it starts; without a terminal, watch needs --yes.",
        "Example (CI, after the deploy step): rollback watch --for 5m --yes -o json > watch-report.json"})
final class WatchCommand extends BaseCommand {

    /** What runs when the deploy is judged bad. */
    enum Then { redeploy, plan }

    @Option(names = "--for", required = true, paramLabel = "DURATION",
        description = "How long to watch: 90s, 5m, 1h.")
    String window;

    @Option(names = "--failures", paramLabel = "N", defaultValue = "3",
        description = "Failed rounds in a row that judge the deploy bad (default: ${DEFAULT-VALUE}).")
    int failures;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s",
        description = "Time between the starts of two rounds (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--then", paramLabel = "redeploy|plan", defaultValue = "redeploy",
        description = "The rollback on a bad deploy: redeploy (the previous release; the default) or plan (the"
            + " decision tree's recommendation, critical severity).")
    Then then;

    WatchCommand(AppContext app) {
        super(app);
    }

    @Override
    protected int run(Session session) {
        WatchWindow settings = settings();
        boolean dryRun = session.options().dryRun;
        if (!dryRun && !session.options().yes && !app.confirmer().canAsk()) {
            throw RollbackException.refused("watch may have to roll back by itself, and without a terminal nobody can"
                + " confirm it: re-run with --yes");
        }
        List<String> rollback = rollbackCommand(dryRun);
        Report report = session.execute(WatchPlan.build(settings, () -> checks(session), WatchClock.system(app.clock()),
            app.interruption()::requested, "rollback " + String.join(" ", rollbackCommand(false))),
            watched -> afterWatch(session, watched, rollback));
        ReportPrinter.print(report, session.options().json(), app.out(), session.reportPalette(), WatchCommand::printResult);
        if (report.error() != null) {
            app.err().println("rollback: " + report.error().message());
        }
        return report.exitCode();
    }

    /** What a health gate waits for: every running service (where the tool reads them) and the HTTP checks. */
    private static GateChecks checks(Session session) {
        return new GateChecks(session.platform().has(Capability.RELEASE_LEDGER) ? session.serviceChecks() : List.of(),
            session.httpChecks());
    }

    /** The rollback's command line; a dry run of --then plan only asks for the advice (nothing is bad yet). */
    private List<String> rollbackCommand(boolean dryRun) {
        return switch (then) {
            case redeploy -> List.of("redeploy");
            case plan -> dryRun ? List.of("plan", "--severity", "critical")
                : List.of("plan", "--severity", "critical", "--execute");
        };
    }

    /** A bad deploy: the rollback, then verify when it succeeded. A dry run: the rollback's dry run. */
    private Report afterWatch(Session session, Report watched, List<String> rollback) {
        if (watched.status() == RunStatus.PLANNED) {
            return WatchReport.planned(watched, run(session, rollback));
        }
        boolean bad = watched.result(WatchResult.class).map(WatchResult::bad).orElse(false);
        if (!bad || app.interruption().requested()) {
            return watched;
        }
        session.progress().accept("watch: the deploy is bad; running rollback " + String.join(" ", rollback));
        Report rolledBack = run(session, rollback);
        Report verified = rolledBack.status() == RunStatus.SUCCEEDED && !app.interruption().requested()
            ? run(session, List.of("verify")) : null;
        return WatchReport.afterBadDeploy(watched, rolledBack, verified);
    }

    /** The run's report; one that could not even be planned (e.g. its platform refuses it) as a refused report. */
    private Report run(Session session, List<String> argv) {
        try {
            return RecommendedRun.run(app, session, argv);
        } catch (RollbackException e) {
            return WatchReport.notStarted(argv.get(0), session.options().dryRun, e, app.clock());
        }
    }

    private WatchWindow settings() {
        Duration length = duration("--for", window);
        Duration every = duration("--interval", interval);
        if (failures < 1) {
            throw RollbackException.usage("--failures must be at least 1, not " + failures);
        }
        if (every.compareTo(length) > 0) {
            throw RollbackException.usage("--interval " + interval + " is longer than --for " + window
                + ": the window would hold a single round");
        }
        return new WatchWindow(length, failures, every);
    }

    private static Duration duration(String option, String text) {
        Duration duration;
        try {
            duration = DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw RollbackException.usage(option + ": " + e.getMessage());
        }
        if (duration.isZero()) {
            throw RollbackException.usage(option + ": '" + text + "' is zero; examples: 90s, 5m, 1h");
        }
        return duration;
    }

    /** The verdict, the failed rounds, and what the rollback and verify did. */
    private static void printResult(Report report, PrintWriter out) {
        report.result(WatchResult.class).ifPresent(watch -> {
            out.println("verdict: " + watch.verdict() + " after " + watch.rounds() + " rounds in "
                + watch.watchedMs() / 1000.0 + " s (" + watch.failedRoundsTotal() + " failed)");
            for (FailedRound round : watch.failedRounds()) {
                out.println("  round " + round.round() + " at " + round.at() + ": " + String.join("; ", round.failing()));
            }
        });
        for (String run : List.of(WatchReport.ROLLBACK, WatchReport.VERIFY)) {
            if (report.result().get(run) instanceof ExecutedPlan.ExecutedRun executed) {
                out.println(run + ": " + executed.command() + " " + executed.status().wire()
                    + (executed.error() == null ? "" : ": " + executed.error().message()));
            }
        }
    }
}
