package dev.rollback.rebuild;

import dev.rollback.core.Plan;
import dev.rollback.core.Step;
import dev.rollback.gate.AroundGate;
import dev.rollback.gate.GateChecks;
import dev.rollback.gate.GatePolicy;
import dev.rollback.gate.HealthGateStep;
import dev.rollback.recreate.StartStackStep;
import dev.rollback.volume.VolumeSteps;
import java.util.ArrayList;
import java.util.List;

/**
 * Level 4 of the runbook ("Full Infrastructure Rollback, ~1 hour or more"), each of its steps a
 * step here: document the current state (incident bundle), stop all services, restore the server
 * (this host, or a DigitalOcean snapshot, backup or new droplet), update DNS only after the new
 * server answers, restore data, verify everything. Every step's time goes into {@code phaseMs} and
 * the total is set against the runbook's estimate.
 */
public final class RebuildPlan {
    static final String COMMAND = "infra-rebuild";

    private RebuildPlan() {
    }

    /**
     * This host, through the stack's platform: incident → choose release, volume archives, dump → take
     * the stack down → provision it again without starting it (volumes first) → refill volumes →
     * point the files' tags at the release's images → deploy → every service healthy → level 1 to the
     * release (switches whatever still differs) → restore the database through level 3 → verify everything.
     */
    public static Plan local(LocalInputs in) {
        ReleaseInputs release = in.release();
        ChosenRelease chosenRelease = new ChosenRelease();
        ChosenDump dump = new ChosenDump();
        ChosenVolumes volumes = new ChosenVolumes();
        boolean refill = in.volumes().mode() != VolumeInputs.Mode.NONE;
        List<Step> steps = new ArrayList<>();
        steps.add(in.incident());
        steps.add(new ChooseReleaseStep(release, chosenRelease));
        if (refill) {
            steps.add(new ChooseVolumeArchivesStep(in.volumes(), volumes));
        }
        if (in.database() != null) {
            steps.add(new ChooseDumpStep(in.database(), dump));
        }
        steps.add(new StopAllStep(release.files(), release.project()));
        steps.add(new RecreateStackStep(release.files(), release.project()));
        if (refill) {
            steps.add(new Phase("restore-volumes", "refill the chosen volumes from their archives (each backed up first)",
                () -> VolumeSteps.restore(in.volumes().volumes(), in.volumes().store(), volumes.archives),
                in.cancelled()));
        }
        steps.add(new PointImagesStep(release.docker(), release.files(), chosenRelease));
        steps.add(new StartStackStep(release.files(), release.project(), "on the provisioned volumes (every service)"));
        steps.add(stackHealthy(release, chosenRelease));
        steps.add(new Phase("bring-up-release", "make sure every service runs the chosen release: level 1's switch"
            + " and health gate", () -> chosenRelease.release == null ? List.of()
            : release.redeploy().apply(chosenRelease.release.id()), in.cancelled()));
        if (in.database() != null) {
            steps.add(new AwaitDatabaseStep(in.database(), in.cancelled()));
            steps.add(new Phase("restore-database", "restore the database from the chosen dump through level 3's steps",
                () -> in.database().level3().apply(dump.path), in.cancelled()));
        }
        steps.add(new Phase("verify-all", "verify everything: every container, every HTTP check, the sample query",
            in.verification(), in.cancelled()));
        return timed(release.project(), steps);
    }

    /**
     * DigitalOcean: incident → choose the snapshot or backup, read the A records → rebuild/restore the
     * droplet, or create a new one → verify the server by IP → update DNS → verify everything.
     */
    public static Plan digitalOcean(CloudInputs in) {
        CloudState state = new CloudState();
        List<Step> steps = new ArrayList<>();
        steps.add(in.incident());
        steps.add(new ChooseImageStep(in, state));
        if (!in.dns().records().isEmpty()) {
            steps.add(new CheckDnsStep(in, state));
        }
        steps.add(in.server().newDroplet() ? new CreateDropletStep(in, state) : new RestoreDropletStep(in, state));
        steps.add(new VerifyServerStep(in, state));
        if (!in.dns().records().isEmpty()) {
            steps.add(new UpdateDnsStep(in, state));
        }
        steps.add(new FinalCheckStep(in, state));
        return timed(in.stack(), steps);
    }

    /** The gate after the deploy: every service of the files and every HTTP check, as the platform checks them. */
    private static HealthGateStep stackHealthy(ReleaseInputs in, ChosenRelease chosen) {
        return new HealthGateStep(in.gate(), GatePolicy.everyService(in.gate().timeout(),
            () -> new GateChecks(in.stack().serviceChecks(in.files().services()), in.httpChecks()),
            () -> chosen.release == null ? "the stack files' images" : "release " + chosen.release.id()),
            AroundGate.NOTHING);
    }

    /** Wraps every step to time it and ends with the recovery time; confirmed by typing the stack's name. */
    static Plan timed(String stack, List<Step> steps) {
        Recovery recovery = new Recovery();
        Plan.Builder plan = Plan.builder(COMMAND).level(4).confirmWith(stack);
        steps.forEach(step -> plan.step(new Timed(step, recovery)));
        return plan.step(new Timed(new RecoveryTimeStep(recovery), recovery)).build();
    }
}
