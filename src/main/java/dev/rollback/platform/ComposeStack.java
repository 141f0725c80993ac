package dev.rollback.platform;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.ContainerHealthCheck;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.release.RunningStack;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compose project as it runs: its containers, found by the label compose puts on them
 * ({@code com.docker.compose.project}). Also a project other than the stack's, such as
 * blue-green's {@code <stack>-green}.
 */
public final class ComposeStack implements RunningStack {
    private final Docker docker;
    private final String project;

    public ComposeStack(Docker docker, String project) {
        this.docker = docker;
        this.project = project;
    }

    @Override
    public String name() {
        return project;
    }

    /**
     * Per service, the container that runs (else the newest one), so a crash-looping service
     * still shows the image it is crash-looping on.
     */
    @Override
    public Map<String, Service> services() {
        Map<String, Service> services = new TreeMap<>();
        List<ContainerInfo> containers = docker.projectContainers(project).stream()
            .filter(c -> c.service() != null)
            .sorted(Comparator.comparing((ContainerInfo c) -> !c.running()))
            .toList();
        for (ContainerInfo container : containers) {
            services.putIfAbsent(container.service(),
                new Service(container.service(), container.image(), container.imageId()));
        }
        return services;
    }

    /** Every container of the compose service (all replicas must be healthy). */
    @Override
    public HealthCheck serviceCheck(String service) {
        return new ContainerHealthCheck(service, () -> containers(service));
    }

    /** Every container of the compose service, running or not: compose restarts a container in place. */
    @Override
    public List<ContainerInfo> containers(String service) {
        return docker.projectServiceContainers(project, service);
    }
}
