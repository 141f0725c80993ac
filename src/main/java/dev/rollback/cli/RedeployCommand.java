package dev.rollback.cli;

import dev.rollback.core.Plan;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.ConfigException;
import dev.rollback.core.config.Names;
import dev.rollback.platform.RedeployRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code redeploy} (level 1): back to the last good release from the ledger, health-gated. */
@Command(name = "redeploy", aliases = "level1", mixinStandardHelpOptions = true,
    header = "Level 1: redeploy the previous working release.",
    description = {
        "Bring back the previous working release (or --to RELEASE) of the stack or of --service S, then wait for "
            + "the health gate; if it fails, put back what ran before."})
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
        return session.platform().redeploy(new RedeployRequest(session.ledger(), to, services, session.httpChecks(),
            session.healthGate(), !noUndo, !noPull));
    }
}
