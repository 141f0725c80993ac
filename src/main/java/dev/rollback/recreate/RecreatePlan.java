package dev.rollback.recreate;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.ContainerHealthCheck;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.backup.BackupStore;
import dev.rollback.core.Plan;
import dev.rollback.images.MissingImages;
import dev.rollback.core.Step;
import dev.rollback.gate.GateChecks;
import dev.rollback.gate.GatePolicy;
import dev.rollback.gate.HealthGate;
import dev.rollback.gate.HealthGateStep;
import dev.rollback.gate.HealthyAgain;
import dev.rollback.release.Ledger;
import dev.rollback.release.RunningStack;
import dev.rollback.workdir.CheckoutFilesStep;
import dev.rollback.workdir.GitCheckout;
import dev.rollback.workdir.SnapshotFilesStep;
import dev.rollback.workdir.StackFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Seed 004's "Recreate" strategy: back up the compose file, .env, the image list and the volumes;
 * take the compose file and .env from the target revision and make its images present;
 * {@code compose down}; start that version; verify. The files and images are prepared while the
 * old version still runs (the seed does it after {@code down}): only down and up are downtime. A
 * failed health gate puts the files, the images and the previous version back.
 */
public final class RecreatePlan {
    /**
     * @param wanted        {@code --to}: null for the previous release, a release id, or a git revision
     * @param volumeBackups steps that archive the stack's volumes (empty with --no-volume-backup)
     * @param verification  the {@code verify} checks, run once the gate passed (reported, no undo)
     */
    public record Inputs(Docker docker, Compose compose, Supplier<GitCheckout> git, Ledger ledger,
                         BackupStore backups, StackFiles files, String project, String wanted, boolean pull,
                         List<Step> volumeBackups, HealthGate gate, List<HealthCheck> httpChecks,
                         List<Step> verification) {
    }

    private RecreatePlan() {
    }

    public static Plan build(Inputs in) {
        RecreateRun run = new RecreateRun();
        Supplier<Map<String, RunningStack.Service>> running = () -> RunningStack.compose(in.docker(), in.project());
        CheckoutFilesStep checkout = new CheckoutFilesStep(in.git(), in.files(), () -> run.target.revision());
        PrepareImagesStep images = new PrepareImagesStep(in.docker(), in.compose(), checkout, run, in.pull());
        return Plan.builder("recreate")
            .step(new ChooseTargetStep(in.docker(), in.ledger(), running, in.wanted(), run,
                new MissingImages(in.docker(), in.pull())))
            .step(new SnapshotFilesStep(in.files(), in.backups(), in.project(), () -> imageLines(run.before)))
            .steps(in.volumeBackups())
            .step(checkout)
            .step(images)
            .step(new StopStackStep(in.compose(), in.project(), run, () -> monitored(in.httpChecks()),
                List.of(checkout, images), new HealthyAgain(in.gate(), services -> containerChecks(in, services),
                    in.httpChecks())))
            .step(new StartStackStep(in.compose(), in.project()))
            .step(new HealthGateStep(in.gate(), GatePolicy.everyService(in.gate().timeout(),
                () -> new GateChecks(containerChecks(in, in.compose().services()), in.httpChecks()),
                () -> run.target.label()), run))
            .steps(in.verification())
            .build();
    }

    private static List<HealthCheck> containerChecks(Inputs in, List<String> services) {
        return services.stream()
            .<HealthCheck>map(service -> ContainerHealthCheck.service(in.docker(), in.project(), service)).toList();
    }

    private static Map<String, HealthCheck> monitored(List<HealthCheck> httpChecks) {
        Map<String, HealthCheck> monitored = new LinkedHashMap<>();
        httpChecks.forEach(check -> monitored.put(check.name(), check));
        return monitored;
    }

    /** The seed's {@code docker compose images > current-images.txt}: service, reference, image ID. */
    private static List<String> imageLines(Map<String, RunningStack.Service> running) {
        return running.values().stream().map(s -> s.name() + " " + s.image() + " " + s.imageId()).toList();
    }
}
