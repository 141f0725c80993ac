package dev.rollback.recreate;

import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.docker.Docker;
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
 * The recreate strategy (docs/runbook/strategies.md): back up the compose file, .env, the image list and the volumes;
 * take the compose file and .env from the target revision and make its images present;
 * recreate the services whose definition or image changed ({@code compose up -d}), or with
 * {@code --full} {@code compose down} and start that version; verify. The files and images are prepared while the
 * old version still runs (the strategies document does it after {@code down}): only the restart is downtime. A
 * failed health gate puts the files, the images and the previous version back.
 */
public final class RecreatePlan {
    /**
     * What the recreate strategy is given.
     *
     * @param stack         what runs now and the check per service, as the platform reads them
     * @param volumeBackups steps that archive the stack's volumes (empty with --no-volume-backup)
     * @param verification  the {@code verify} checks, run once the gate passed (reported, no undo)
     */
    public record Inputs(Tools tools, RunningStack stack, StackFiles files, Target target, Gate gate,
                         List<Step> volumeBackups, List<Step> verification) {

        /** The compose project: the stack's name. */
        String project() {
            return stack.name();
        }
    }

    public record Tools(Docker docker, StackTool stack, Supplier<GitCheckout> git, Ledger ledger, BackupStore backups) {
    }

    /**
     * @param wanted  {@code --to}: null for the previous release, a release id, or a git revision
     * @param restart which services stop: only the changed ones, or all ({@code --full})
     */
    public record Target(String wanted, Pull pull, Restart restart) {
    }

    /**
     * {@code CHANGED}: {@code compose up -d} of the target's files recreates only the services whose
     * configuration or image changed (where the platform can; Swarm takes the stack down and deploys
     * it); {@code FULL}: the strategy's literal {@code down} then {@code up}.
     */
    public enum Restart { CHANGED, FULL }

    /** An image of the target that is not on this host: pulled, or refused ({@code --no-pull}). */
    public enum Pull { WHEN_MISSING, NEVER }

    /** @param httpChecks the configured HTTP checks, gated with the containers' after the start */
    public record Gate(HealthGate gate, List<HealthCheck> httpChecks) {
    }

    private RecreatePlan() {
    }

    public static Plan build(Inputs in) {
        RecreateRun run = new RecreateRun();
        Tools tools = in.tools();
        boolean pull = in.target().pull() == Pull.WHEN_MISSING;
        List<HealthCheck> httpChecks = in.gate().httpChecks();
        Supplier<Map<String, RunningStack.Service>> running = in.stack()::services;
        CheckoutFilesStep checkout = new CheckoutFilesStep(tools.git(), in.files(), () -> run.target.revision());
        PrepareImagesStep images = new PrepareImagesStep(tools.docker(), tools.stack(), checkout, run, pull);
        return Plan.builder("recreate")
            .step(new ChooseTargetStep(tools.docker(), tools.ledger(), running, in.target().wanted(), run,
                new MissingImages(tools.docker(), pull)))
            .step(new SnapshotFilesStep(in.files(), tools.backups(), in.project(), () -> imageLines(run.before)))
            .steps(in.volumeBackups())
            .step(checkout)
            .step(images)
            .steps(stackSteps(in, run, new StackChangeStep.Undo(List.of(checkout, images),
                new HealthyAgain(in.gate().gate(), services -> containerChecks(in, services), httpChecks))))
            .step(new HealthGateStep(in.gate().gate(), GatePolicy.everyService(in.gate().gate().timeout(),
                () -> new GateChecks(containerChecks(in, tools.stack().services()), httpChecks),
                () -> run.target.label()), run))
            .steps(in.verification())
            .build();
    }

    /** {@code update-stack}, or {@code stop-stack} then {@code start-stack} with --full or where the tool cannot. */
    private static List<Step> stackSteps(Inputs in, RecreateRun run, StackChangeStep.Undo undo) {
        StackTool stack = in.tools().stack();
        Supplier<Map<String, HealthCheck>> monitored = () -> monitored(in.gate().httpChecks());
        if (in.target().restart() == Restart.CHANGED && stack.updatesOnlyChanged()) {
            return List.of(StackChangeStep.update(new ChangedServices(in.tools().docker(), stack, in.project()), stack,
                in.project(), run, monitored, undo));
        }
        return List.of(StackChangeStep.stop(stack, in.project(), run, monitored, undo),
            new StartStackStep(stack, in.project()));
    }

    private static List<HealthCheck> containerChecks(Inputs in, List<String> services) {
        return in.stack().serviceChecks(services);
    }

    private static Map<String, HealthCheck> monitored(List<HealthCheck> httpChecks) {
        Map<String, HealthCheck> monitored = new LinkedHashMap<>();
        httpChecks.forEach(check -> monitored.put(check.name(), check));
        return monitored;
    }

    /** The strategies document's {@code docker compose images > current-images.txt}: service, reference, image ID. */
    private static List<String> imageLines(Map<String, RunningStack.Service> running) {
        return running.values().stream().map(s -> s.name() + " " + s.image() + " " + s.imageId()).toList();
    }
}
