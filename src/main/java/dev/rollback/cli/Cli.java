package dev.rollback.cli;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.ConfigException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Builds the command line. The one factory used by {@link Main} and by tests, so tests exercise
 * the real parser, the real exception handlers and the real exit codes.
 */
public final class Cli {
    private Cli() {
    }

    public static int run(AppContext context, String... args) {
        return commandLine(context).execute(args);
    }

    public static CommandLine commandLine(AppContext context) {
        CommandLine cli = new CommandLine(new RollbackCommand());
        cli.addSubcommand(new VerifyCommand(context));
        cli.addSubcommand(new BackupCommand(context));
        cli.addSubcommand(new BackupsCommand(context));
        cli.addSubcommand(new ArchiveCommand(context));
        cli.addSubcommand(new RedeployCommand(context));
        cli.addSubcommand(new RevertCommand(context));
        cli.addSubcommand(new DbRestoreCommand(context));
        cli.addSubcommand(new DrillCommand(context));
        cli.addSubcommand(new WatchCommand(context));
        cli.addSubcommand(new RecreateCommand(context));
        cli.addSubcommand(new IncidentCommand(context));
        cli.addSubcommand(new InfraRebuildCommand(context));
        cli.addSubcommand(new CheckMigrationsCommand(context));
        cli.addSubcommand(new HistoryCommand(context));
        cli.addSubcommand(new DecideCommand(context));
        cli.addSubcommand(new BlueGreenCommand(context));
        cli.addSubcommand(new CommandLine(new ReleaseCommand())
            .addSubcommand(new ReleaseRecordCommand(context))
            .addSubcommand(new ReleaseListCommand(context)));
        separateHelpSections(cli);
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) ->
            handleError(context, commandLine, e, parseResult.originalArgs().toArray(String[]::new)));
        cli.setParameterExceptionHandler((e, args) -> handleUsageError(context, e, args));
        cli.setExitCodeExceptionMapper(e -> ExitCode.FAILED);
        return cli;
    }

    /**
     * A blank line between the summary, the usage, the description, the options and the commands of
     * every help page, so a page reads as sections rather than one block. The root has no summary.
     */
    private static void separateHelpSections(CommandLine command) {
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        if (usage.header().length > 0) {
            usage.synopsisHeading("%nUsage: ");
        }
        usage.descriptionHeading("%n");
        usage.optionListHeading("%n");
        usage.commandListHeading("%nCommands:%n");
        command.getSubcommands().values().forEach(Cli::separateHelpSections);
    }

    /** Errors raised before or outside the executor (config, adapters, listing commands). */
    private static int handleError(AppContext context, CommandLine commandLine, Exception e, String[] args) {
        RollbackException error = asRollbackException(e);
        if (jsonRequested(args)) {
            context.out().println(ErrorDocument.of(commandLine.getCommandName(), error, context.clock()));
        }
        context.err().println("rollback: " + error.getMessage());
        if (verbose(args)) {
            e.printStackTrace(context.err());
        }
        return error.exitCode();
    }

    private static int handleUsageError(AppContext context, CommandLine.ParameterException e, String[] args) {
        if (jsonRequested(args)) {
            context.out().println(ErrorDocument.of(e.getCommandLine().getCommandName(),
                RollbackException.usage(e.getMessage()), context.clock()));
        }
        // One line, the hint included: scripts and operators read the first line of stderr.
        context.err().println("rollback: " + e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ")
            + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        return ExitCode.USAGE;
    }

    static RollbackException asRollbackException(Exception e) {
        if (e instanceof RollbackException rollback) {
            return rollback;
        }
        if (e instanceof ConfigException config) {
            return RollbackException.usage(config.getMessage());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new RollbackException(ExitCode.FAILED, "unexpected error: " + message
            + " (run with -v for details)", e);
    }

    private static boolean jsonRequested(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--output=json") || arg.equals("-ojson")
                || ((arg.equals("-o") || arg.equals("--output")) && i + 1 < args.length
                && args[i + 1].equalsIgnoreCase("json"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean verbose(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--verbose") || a.matches("-v+"));
    }
}
