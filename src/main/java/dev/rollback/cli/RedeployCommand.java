package dev.rollback.cli;

import dev.rollback.core.Plan;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.ConfigException;
import dev.rollback.core.config.Names;
import dev.rollback.platform.RedeployRequest;
import dev.rollback.redeploy.MigrationGate;
import dev.rollback.workdir.GitCheckout;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code redeploy} (level 1): back to the last good release from the ledger, health-gated. */
@Command(name = "redeploy", aliases = "level1", mixinStandardHelpOptions = true,
    header = "Level 1: redeploy the previous working release.",
    description = {
        "Bring back the previous working release (or --to RELEASE) of the stack or of --service S, then wait for "
            + "the health gate; if it fails, put back what ran before.",
        "Before anything changes it checks the migrations added since that release (check-migrations from the "
            + "release's git commit to the running one): dangerous ones refuse (exit 3) and name the level "
            + "`rollback plan` recommends; ones to review ask on a terminal (without one, refused unless --yes). "
            + "With no git checkout or no recorded commit the check is skipped, and the report says why."})
final class RedeployCommand extends PlanCommand {
    @Option(names = "--service", paramLabel = "S", description = "Only this service (repeatable).")
    List<String> services = new ArrayList<>();

    @Option(names = "--to", paramLabel = "RELEASE",
        description = "A release id from `rollback release list`, or previous (default).")
    String to = "previous";

    @Option(names = "--no-undo", description = "When the health gate fails, leave the release in place.")
    boolean noUndo;

    @Option(names = "--no-pull",
        description = "Refuse instead of pulling a release's pruned images back by their recorded digest.")
    boolean noPull;

    @Option(names = "--ignore-migrations",
        description = "Do not check the migrations added since the release (the report says they were not checked).")
    boolean ignoreMigrations;

    RedeployCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        try {
            services.forEach(s -> Names.requireServiceName("--service", s));
        } catch (ConfigException e) {
            throw RollbackException.usage(e.getMessage());
        }
        MigrationGate migrations = ignoreMigrations
            ? MigrationGate.skipped("--ignore-migrations: the migrations since the release were not checked")
            : MigrationGate.checking(() -> GitCheckout.around(session.config().workdir()), session.migrationCheck());
        return session.platform().redeploy(new RedeployRequest(session.ledger(), to, services, session.httpChecks(),
            session.healthGate(), !noUndo, !noPull, migrations));
    }
}
