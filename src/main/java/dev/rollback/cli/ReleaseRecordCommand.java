package dev.rollback.cli;

import dev.rollback.adapters.git.JGitRepository;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.archive.WalPoints;
import dev.rollback.core.Plan;
import dev.rollback.core.config.Config;
import dev.rollback.pitr.WalPoint;
import dev.rollback.release.RecordPlan;
import dev.rollback.release.StackFacts;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release record}: after a good deploy, record what runs as a rollback target. */
@Command(name = "record", mixinStandardHelpOptions = true,
    header = "Record the running stack as a release.",
    description = {
        "Record the running stack (git commit, image ID per service, compose file hash) in the ledger, and tag "
            + "its images so pruning keeps them. Refuses an unhealthy stack unless --force."})
final class ReleaseRecordCommand extends PlanCommand {
    @Option(names = "--force", description = "Record even though the stack is not healthy.")
    boolean force;

    ReleaseRecordCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        Config config = session.config();
        StackFacts facts = StackFacts.read(session.platform().name(),
            () -> JGitRepository.openEnclosing(config.workdir()),
            config.workdir().resolve(config.stack().composeFile()));
        return RecordPlan.build(session.docker(), session::runningStack, () -> healthChecks(session), facts,
            session.ledger(), config.releases().keep(), force, app.clock(), () -> walPoint(session));
    }

    /** Where the database's WAL is now; null when the stack has no database. */
    private static WalPoint walPoint(Session session) {
        if (session.config().database().name() == null) {
            return null;
        }
        return WalPoints.now(session.postgres().replication());
    }

    private static List<HealthCheck> healthChecks(Session session) {
        List<HealthCheck> checks = new ArrayList<>(session.serviceChecks());
        checks.addAll(session.httpChecks());
        return checks;
    }
}
