package dev.rollback.platform;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.Swarm;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.SwarmServiceCheck;
import dev.rollback.release.RunningStack;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Swarm stack as it runs: its services, named {@code <stack>_<service>} by {@code docker stack deploy}. */
public final class SwarmStack implements RunningStack {
    private final Swarm swarm;
    private final Docker docker;
    private final String stack;

    public SwarmStack(Swarm swarm, Docker docker, String stack) {
        this.swarm = swarm;
        this.docker = docker;
        this.stack = stack;
    }

    @Override
    public String name() {
        return stack;
    }

    /** Per service of the stack, its spec image (without the digest Swarm pins) and a running task's image ID. */
    @Override
    public Map<String, Service> services() {
        Map<String, Service> services = new TreeMap<>();
        for (Swarm.SwarmService service : swarm.stackServices(stack)) {
            String name = service.name().startsWith(stack + "_") ? service.name().substring(stack.length() + 1)
                : service.name();
            services.put(name, new Service(name, stripDigest(service.image()), service.imageId()));
        }
        return services;
    }

    /** All desired tasks of the service run and no update is under way. */
    @Override
    public HealthCheck serviceCheck(String service) {
        return new SwarmServiceCheck(swarm, stack + "_" + service);
    }

    /**
     * The running containers of the service's tasks on this node. Swarm replaces a failed or
     * updated task with a new container and keeps the old one stopped (task history), so a
     * stopped one beside a running one is history, not a failure; when none runs, all of them, so
     * that the check shows how they ended.
     */
    @Override
    public List<ContainerInfo> containers(String service) {
        List<ContainerInfo> all = docker.serviceTaskContainers(stack + "_" + service);
        List<ContainerInfo> running = all.stream().filter(ContainerInfo::running).toList();
        return running.isEmpty() ? all : running;
    }

    private static String stripDigest(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }
}
