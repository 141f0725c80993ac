package dev.rollback.cli;

import dev.rollback.backup.BackupStore;
import dev.rollback.core.Plan;
import dev.rollback.core.Step;
import dev.rollback.images.MissingImages;
import dev.rollback.platform.Capability;
import dev.rollback.platform.Platform;
import dev.rollback.core.config.Config;
import dev.rollback.recreate.RecreatePlan;
import dev.rollback.recreate.RecreatePlan.Pull;
import dev.rollback.recreate.RecreatePlan.Restart;
import dev.rollback.verify.VerifyPlan;
import dev.rollback.volume.VolumeSteps;
import dev.rollback.workdir.GitCheckout;
import dev.rollback.workdir.StackFiles;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recreate}: the recreate strategy with the compose config of another revision; only the
 * services that changed restart, or with {@code --full} the strategy's literal stop then start.
 */
@Command(name = "recreate", mixinStandardHelpOptions = true,
    header = "Recreate the stack at another revision, with downtime.",
    description = {
        "The recreate strategy: back up the compose file, .env, the image list and the volumes; take the compose "
            + "file and .env of --to REV (HEAD does not move) and its images; recreate only the services whose "
            + "definition or image changed (compose up -d --no-deps SERVICE...; on Swarm: docker stack rm, then deploy); "
            + "gate; verify. With --full: compose down, then compose up.",
        "A failed health gate puts the files and the previous version back (exit 1)."})
final class RecreateCommand extends PlanCommand {
    @Option(names = "--to", paramLabel = "REV",
        description = "A release id (its commit and images), or a git revision; default: the previous release.")
    String to;

    @Option(names = "--no-volume-backup", description = "Do not archive the stack's volumes first.")
    boolean noVolumeBackup;

    @Option(names = "--no-pull", description = "Never pull: refuse when an image of REV is missing.")
    boolean noPull;

    @Option(names = "--full",
        description = "Take the whole stack down, then start it (the strategy's literal down then up), "
            + "instead of recreating only the services that changed.")
    boolean full;

    RecreateCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        Config config = session.config();
        Platform platform = session.platform();
        platform.require(Capability.RECREATE);
        BackupStore backups = new BackupStore(config.backupsDir(), app.clock());
        StackFiles files = new StackFiles(config.workdir(), config.stack().composeFile(), config.stack().envFile());
        List<Step> verification = VerifyPlan.build(session.verifyInputs(verifiedServices(session),
            app.clock().instant())).steps();
        return RecreatePlan.build(new RecreatePlan.Inputs(
            new RecreatePlan.Tools(session.docker(), platform.stackFiles(), () -> GitCheckout.around(config.workdir()),
                session.ledger(), backups),
            platform.stack(), files, new RecreatePlan.Target(to, noPull ? Pull.NEVER : Pull.WHEN_MISSING,
                full ? Restart.FULL : Restart.CHANGED),
            new RecreatePlan.Gate(session.healthGate(), session.httpChecks()), volumeBackups(session, backups),
            verification));
    }

    /** The configured services (cheap, and right when REV adds or drops one), else compose's list. */
    private static List<String> verifiedServices(Session session) {
        List<String> services = new ArrayList<>(session.config().stack().appServices());
        services.addAll(session.config().stack().statefulServices());
        return services.isEmpty() ? session.platform().stackFiles().services() : services;
    }

    private List<Step> volumeBackups(Session session, BackupStore backups) {
        return noVolumeBackup ? List.of()
            : VolumeSteps.backupAll(session.volumes(), backups, session.platform()::volumes,
                session.config().backups().keepVolumes(), new MissingImages(session.docker(), !noPull));
    }
}
