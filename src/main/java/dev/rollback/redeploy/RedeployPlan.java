package dev.rollback.redeploy;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.Swarm;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.Plan;
import dev.rollback.core.Step;
import dev.rollback.gate.GateChecks;
import dev.rollback.gate.GatePolicy;
import dev.rollback.gate.HealthGate;
import dev.rollback.gate.HealthGateStep;
import dev.rollback.gate.HealthyAgain;
import dev.rollback.images.MissingImages;
import dev.rollback.release.Ledger;
import dev.rollback.release.RunningStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Level 1 of the runbook ("Dokploy Redeploy, ~2 min, no data loss"): bring back the last good
 * release from the ledger, health-gated, putting back what ran before when the gate fails.
 */
public final class RedeployPlan {
    /**
     * @param stack       what runs now and the check per service, as the platform reads them
     * @param wanted      "previous" or a release id
     * @param services    only these services (empty: every service of the release)
     * @param httpChecks  the configured HTTP checks, part of the gate
     * @param undo        put back what ran before when the gate fails (false: --no-undo)
     * @param pull        pull a release's pruned images back by their recorded digest (false: --no-pull)
     */
    public record Inputs(Docker docker, Ledger ledger, RunningStack stack, String wanted,
                         List<String> services, List<HealthCheck> httpChecks, HealthGate gate, boolean undo,
                         boolean pull) {

        /** Pulling pruned images back, as every command does unless told --no-pull. */
        public Inputs(Docker docker, Ledger ledger, RunningStack stack, String wanted, List<String> services,
                      List<HealthCheck> httpChecks, HealthGate gate, boolean undo) {
            this(docker, ledger, stack, wanted, services, httpChecks, gate, undo, true);
        }

        MissingImages missingImages() {
            return new MissingImages(docker, pull);
        }
    }

    private RedeployPlan() {
    }

    /** Level 1 on compose, the migrations since the chosen release checked first ({@link CheckMigrationsStep}). */
    public static Plan compose(Inputs in, Compose compose, MigrationGate migrations) {
        Switch change = new Switch();
        List<Step> steps = composeSteps(in, compose, List.of(), change);
        steps.add(1, new CheckMigrationsStep(migrations, in.ledger(), change));
        return Plan.builder("redeploy").level(1).steps(steps).build();
    }

    /**
     * The compose steps of level 1, with {@code beforeGate} run between the switch and the health
     * gate: level 3's {@code --redeploy previous} starts the remaining app services there.
     */
    public static List<Step> composeSteps(Inputs in, Compose compose, List<Step> beforeGate) {
        return composeSteps(in, compose, beforeGate, new Switch());
    }

    private static List<Step> composeSteps(Inputs in, Compose compose, List<Step> beforeGate, Switch change) {
        List<Step> steps = new ArrayList<>();
        steps.add(new SelectReleaseStep(in.ledger(), in.stack()::services,
            in.docker(), in.wanted(), in.services(), change, true, in.missingImages()));
        steps.add(new SwitchComposeStep(in.docker(), compose, change,
            services -> monitored(in, in.stack().serviceChecks(services)), in.undo(),
            new HealthyAgain(in.gate(), in.stack()::serviceChecks, in.httpChecks())));
        steps.addAll(beforeGate);
        steps.add(healthGate(in, change));
        return steps;
    }

    /**
     * Swarm ({@code stack.name} is the stack namespace): services are updated to the release's
     * protective tags; with an empty ledger, the Engine's rollback to the previous spec.
     */
    public static Plan swarm(Inputs in, Swarm swarm, MigrationGate migrations) {
        Switch change = new Switch();
        String stack = in.stack().name();
        Function<List<String>, Map<String, HealthCheck>> monitored =
            services -> monitored(in, in.stack().serviceChecks(services));
        Plan.Builder plan = Plan.builder("redeploy").level(1);
        if (in.ledger().releases().isEmpty()) {
            plan.step(new CheckMigrationsStep(migrations, in.ledger(), change))
                .step(new SwarmPreviousSpecStep(swarm, stack, in.services(), change, in.gate().timeout(), monitored));
        } else {
            plan.step(new SelectReleaseStep(in.ledger(), in.stack()::services, in.docker(),
                    in.wanted(), in.services(), change, false, in.missingImages()))
                .step(new CheckMigrationsStep(migrations, in.ledger(), change))
                .step(new SwitchSwarmStep(swarm, stack, change, in.gate().timeout(), monitored, in.undo()));
        }
        return plan.step(healthGate(in, change)).build();
    }

    /** The gate on the switched services (as the platform checks them) and the HTTP checks. */
    private static Step healthGate(Inputs in, Switch change) {
        return new HealthGateStep(in.gate(), GatePolicy.switchedServices(in.gate().timeout(),
            () -> new GateChecks(in.stack().serviceChecks(change.services()), in.httpChecks()), change::targetLabel), change);
    }

    private static Map<String, HealthCheck> monitored(Inputs in, List<HealthCheck> serviceChecks) {
        Map<String, HealthCheck> monitored = new LinkedHashMap<>();
        serviceChecks.forEach(check -> monitored.put(check.name(), check));
        in.httpChecks().forEach(check -> monitored.put(check.name(), check));
        return monitored;
    }
}
