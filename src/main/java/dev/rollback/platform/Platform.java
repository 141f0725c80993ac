package dev.rollback.platform;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Networks;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.bluegreen.SidePlatform;
import dev.rollback.core.Plan;
import dev.rollback.release.RunningStack;
import dev.rollback.restore.AppServices;
import java.util.List;
import java.util.Set;

/**
 * The platform a stack runs on ({@code stack.target}), chosen once by {@link Platforms#choose}.
 * Commands ask it, never the target's name: what runs, how to check, stop, start and switch
 * services, the stack's volumes, and whether it can do what the command needs at all
 * ({@link #require}). A method whose capability the platform lacks refuses with the one message
 * {@link #require} gives; a platform gains a strategy by implementing that method and listing the
 * capability. docs/architecture.md has the checklist for adding a platform.
 */
public interface Platform {
    /** The {@code stack.target} value this platform answers to; recorded in each release. */
    String name();

    /** What this platform can do beyond redeploy. */
    Set<Capability> capabilities();

    default boolean has(Capability capability) {
        return capabilities().contains(capability);
    }

    /** Refuses (exit 3, before anything runs) when this platform lacks {@code capability}. */
    default void require(Capability capability) {
        require(capability, capability.feature());
    }

    /** {@link #require(Capability)}, naming what the user asked for ({@code --volumes}) in the refusal. */
    default void require(Capability capability, String feature) {
        if (!has(capability)) {
            throw Platforms.refusal(this, capability, feature);
        }
    }

    /** Level 1: switch services to a release's images (or the platform's previous deployment), health-gated. */
    Plan redeploy(RedeployRequest request);

    /** What runs now, per service, and the check per service ({@link Capability#RELEASE_LEDGER}). */
    default RunningStack stack() {
        return missing(Capability.RELEASE_LEDGER);
    }

    /** Per service, the check that it is up (its containers' healthchecks, its Swarm tasks). */
    default List<HealthCheck> serviceChecks(List<String> services) {
        return services.isEmpty() ? List.of() : stack().serviceChecks(services);
    }

    /** Steps that stop {@code services} (undone on a failure) and start them again ({@link Capability#STOP_APP}). */
    default AppServices appServices(List<String> services) {
        return services.isEmpty() ? AppServices.none() : missing(Capability.STOP_APP);
    }

    /**
     * The containers {@code service} runs in now on this node, for {@code verify}'s per-container
     * checks: a compose service's containers, a Swarm service's running task containers.
     */
    default List<ContainerInfo> serviceContainers(String service) {
        return stack().containers(service);
    }

    /** The tool that applies the stack files in the working directory as a whole ({@link Capability#STACK_FILES}). */
    default StackTool stackFiles() {
        return missing(Capability.STACK_FILES);
    }

    /**
     * How blue-green reads, starts and removes its sides on this platform ({@link Capability#BLUE_GREEN}).
     *
     * @param networks Docker networks (compose's green joins blue's networks container by container)
     */
    default SidePlatform blueGreen(Networks networks) {
        return missing(Capability.BLUE_GREEN);
    }

    /** The stack's named volumes, read now ({@link Capability#VOLUMES}). */
    default List<String> volumes() {
        return missing(Capability.VOLUMES);
    }

    /** The refusal of a method whose capability this platform lacks; a bug if it lists the capability. */
    private <T> T missing(Capability capability) {
        require(capability);
        throw new IllegalStateException(name() + " lists " + capability + " but does not implement it");
    }
}
