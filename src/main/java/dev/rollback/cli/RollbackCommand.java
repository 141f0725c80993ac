package dev.rollback.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: the global options of the contract, inherited by every subcommand. */
@Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = "Takes a Docker + PostgreSQL stack back to its last good state, safely, and proves it.",
    footer = {"", "Exit codes: 0 ok (or valid --dry-run plan), 1 rollback failed, 2 usage, "
        + "3 refused/precondition failed, 4 dependency unreachable, 130 interrupted."})
public final class RollbackCommand implements Runnable {

    /** Report format on stdout. */
    public enum Output { text, json }

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
        description = "Stack description (default: ./rollback.yml, or $ROLLBACK_CONFIG).")
    Path config;

    @Option(names = "--dry-run", scope = ScopeType.INHERIT,
        description = "Check preconditions read-only, print the ordered plan, change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, scope = ScopeType.INHERIT,
        description = "No confirmation prompts (needed for destructive steps without a terminal).")
    boolean yes;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", scope = ScopeType.INHERIT,
        description = "Report format on stdout: ${COMPLETION-CANDIDATES} (default: text).")
    Output output = Output.text;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
        description = "More log detail on stderr (repeatable).")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
        description = "Only errors on stderr.")
    boolean quiet;

    @Option(names = "--no-color", scope = ScopeType.INHERIT,
        description = "No ANSI colour (also when NO_COLOR is set; colour is only ever used on a terminal).")
    boolean noColor;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    boolean json() {
        return output == Output.json;
    }

    int verbosity() {
        return quiet ? -1 : verbose.length;
    }
}
