package dev.rollback.cli;

import dev.rollback.core.config.Config;
import dev.rollback.core.config.ConfigLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand: reads the global options, sets the log level, loads the
 * configuration and hands a {@link Session} to the command. Errors propagate as
 * {@code RollbackException} to the handler in {@link Cli}, which prints one line and maps the exit code.
 */
abstract class BaseCommand implements Callable<Integer> {
    protected final AppContext app;

    @Spec
    CommandSpec spec;

    protected BaseCommand(AppContext app) {
        this.app = app;
    }

    @Override
    public final Integer call() {
        RollbackCommand options = (RollbackCommand) spec.root().userObject();
        Logging.configure(options.verbosity());
        Config config = ConfigLoader.load(ConfigLoader.locate(options.config, app.env()), app.env());
        OpenDirectoriesWarning.print(config, app.err());
        Session session = new Session(app, options, config);
        try {
            return run(session);
        } finally {
            session.endProgress();
            session.finishNotices();
        }
    }

    protected abstract int run(Session session);
}
