package dev.rollback.platform;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.Networks;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.docker.Swarm;
import dev.rollback.adapters.docker.Volumes;
import dev.rollback.bluegreen.SidePlatform;
import dev.rollback.core.Plan;
import dev.rollback.redeploy.RedeployPlan;
import dev.rollback.release.RunningStack;
import dev.rollback.restore.AppServices;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A Swarm stack ({@code stack.target: swarm}, {@code stack.name} the stack namespace), deployed
 * from the stack files with {@code docker stack deploy}.
 */
final class SwarmPlatform extends DeclaredPlatform {
    static final String NAME = "swarm";
    static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.RELEASE_LEDGER, Capability.STOP_APP,
        Capability.VOLUMES, Capability.STACK_FILES, Capability.RECREATE, Capability.INFRA_REBUILD,
        Capability.BLUE_GREEN);

    private final String stack;
    private final Supplier<Docker> docker;
    private final Supplier<Swarm> swarm;
    private final Supplier<StackTool> stackFiles;
    private final Supplier<Volumes> volumes;
    private final Duration scaleTimeout;

    /** @param scaleTimeout how long scaling a service down or back up may take ({@code health.timeout}) */
    SwarmPlatform(String stack, Supplier<Docker> docker, Supplier<Swarm> swarm, Supplier<StackTool> stackFiles,
                  Supplier<Volumes> volumes, Duration scaleTimeout) {
        super(NAME, CAPABILITIES);
        this.stack = stack;
        this.docker = docker;
        this.swarm = swarm;
        this.stackFiles = stackFiles;
        this.volumes = volumes;
        this.scaleTimeout = scaleTimeout;
    }

    /** Services updated to the release's images; with an empty ledger, the Engine's rollback to the previous spec. */
    @Override
    public Plan redeploy(RedeployRequest request) {
        return RedeployPlan.swarm(request.toInputs(docker.get(), stack()), swarm.get(), request.migrations());
    }

    @Override
    public RunningStack stack() {
        return new SwarmStack(swarm.get(), docker.get(), stack);
    }

    /** Each service scaled to 0, its replica count remembered, and scaled back to it after the restore. */
    @Override
    public AppServices appServices(List<String> services) {
        if (services.isEmpty()) {
            return AppServices.none();
        }
        SwarmReplicas replicas = new SwarmReplicas();
        return AppServices.of(new ScaleDownStep(swarm.get(), stack, services, replicas, scaleTimeout),
            new ScaleUpStep(swarm.get(), stack, replicas, scaleTimeout));
    }

    /** {@code docker stack deploy} and {@code docker stack rm} of the stack files. */
    @Override
    public StackTool stackFiles() {
        return stackFiles.get();
    }

    /** Sides as Swarm stacks: green {@code <stack>-green}, deployed and removed whole. */
    @Override
    public SidePlatform blueGreen(Networks networks) {
        return new SwarmSides(swarm.get(), docker.get(), stackFiles.get()::forProject);
    }

    /** The volumes labelled with the stack namespace ({@code com.docker.stack.namespace}), on this node. */
    @Override
    public List<String> volumes() {
        return volumes.get().projectVolumes(stack);
    }
}
