package dev.rollback.platform;

import dev.rollback.adapters.docker.ComposeProject;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.HostPortBinding;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.docker.Swarm;
import dev.rollback.bluegreen.SidePlatform;
import dev.rollback.core.RollbackException;
import dev.rollback.release.RunningStack;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Blue-green's sides as Swarm stacks: blue (and the primary) is the stack, green the stack
 * {@code <stack>-green}, deployed whole from its derived file with {@code docker stack deploy} and
 * removed with {@code docker stack rm}. Published ports come from the services' specs (mode
 * {@code host} or {@code ingress}); the primary is updated by deploying the stack files and awaited
 * until every app service runs its new tasks.
 */
final class SwarmSides implements SidePlatform {
    private final Swarm swarm;
    private final Docker docker;
    private final Function<ComposeProject, StackTool> toolFor;

    SwarmSides(Swarm swarm, Docker docker, Function<ComposeProject, StackTool> toolFor) {
        this.swarm = swarm;
        this.docker = docker;
        this.toolFor = toolFor;
    }

    @Override
    public boolean greenIsOwnStack() {
        return true;
    }

    @Override
    public RunningStack side(String name) {
        return new SwarmStack(swarm, docker, name);
    }

    @Override
    public List<String> members(String name) {
        return swarm.stackServices(name).stream().map(Swarm.SwarmService::name).toList();
    }

    @Override
    public List<String> notRunning(String name, List<String> services) {
        Map<String, Swarm.SwarmService> byName = new LinkedHashMap<>();
        swarm.stackServices(name).forEach(service -> byName.put(service.name(), service));
        return services.stream().filter(service -> {
            Swarm.SwarmService found = byName.get(name + "_" + service);
            return found == null || found.runningTasks() == 0;
        }).toList();
    }

    @Override
    public Map<String, List<HostPortBinding>> publishedPorts(String name, List<String> services) {
        Map<String, List<HostPortBinding>> ports = new LinkedHashMap<>();
        services.forEach(service -> ports.put(service, swarm.publishedPorts(name + "_" + service)));
        return ports;
    }

    /** The short name (the alias on the stack's networks) and the full service name. */
    @Override
    public Map<String, String> hostNames(String name, List<String> services) {
        Map<String, String> hosts = new LinkedHashMap<>();
        services.forEach(service -> {
            hosts.put(service, service);
            hosts.put(name + "_" + service, service);
        });
        return hosts;
    }

    @Override
    public StackTool stackTool(ComposeProject project) {
        return toolFor.apply(project);
    }

    /** Each service converged: its update done and all desired tasks running its current image. */
    @Override
    public void awaitDeployed(String name, List<String> services, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String service : services) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Swarm.Convergence converged = swarm.awaitConverged(name + "_" + service, left);
            if (!converged.converged()) {
                throw RollbackException.failed(name + "_" + service + " did not run the deployed files: "
                    + converged.detail());
            }
        }
    }
}
