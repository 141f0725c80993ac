package dev.rollback.cli;

import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import dev.rollback.decide.Recommendation;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code plan --execute}: runs the recommended command in this process, parsed by the real command
 * line from the same words the plan printed, so what runs is exactly what was recommended. It runs
 * with this session's configuration and global options: confirmation as usual, {@code --yes}
 * passes through, {@code --dry-run} stays a dry run. {@code watch} runs its rollback and {@code verify}
 * the same way ({@link #run}).
 */
final class RecommendedRun {
    private RecommendedRun() {
    }

    static Report execute(AppContext app, Session session, Recommendation recommendation) {
        if (!recommendation.actionable() && recommendation.level() != null) {
            throw RollbackException.refused("nothing to execute: level " + recommendation.level() + " is done by hand"
                + " on this platform (see the reasons)");
        }
        if (!recommendation.actionable()) {
            throw RollbackException.refused("nothing to execute: the plan recommends no rollback (fix it in the next"
                + " release); run one of the alternatives by hand if you disagree");
        }
        List<String> argv = recommendation.argv();
        CommandLine cli = Cli.commandLine(app);
        if (!cli.getSubcommands().containsKey(argv.get(0))) {
            throw RollbackException.refused("the recommended command `" + argv.get(0) + "` (level "
                + recommendation.level() + ") is not available in this build of rollback; follow the runbook's level "
                + recommendation.level() + " by hand (docs/decide.md)");
        }
        session.progress().accept("plan --execute: " + recommendation.commandLine());
        return run(app, session, argv);
    }

    /**
     * Runs {@code argv} (a subcommand and its options, no global ones) in this process, parsed by the
     * real command line, with this session's configuration and global options; its report.
     */
    static Report run(AppContext app, Session session, List<String> argv) {
        ReportCommand command;
        try {
            CommandLine.ParseResult parsed = Cli.commandLine(app).parseArgs(argv.toArray(String[]::new));
            command = (ReportCommand) parsed.subcommand().commandSpec().userObject();
        } catch (CommandLine.ParameterException e) {
            throw RollbackException.usage("the command line `" + String.join(" ", argv) + "` does not parse: "
                + e.getMessage());
        }
        return command.report(session);
    }
}
