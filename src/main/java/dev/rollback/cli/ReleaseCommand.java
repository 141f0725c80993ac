package dev.rollback.cli;

import dev.rollback.core.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code release record|list}: the release ledger. */
@Command(name = "release", mixinStandardHelpOptions = true,
    header = "Record releases, and list those you can roll back to.",
    description = {
        "The release ledger: record the running stack after a good deploy; list what can be rolled back to."})
final class ReleaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("rollback: release needs a subcommand: record or list");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
