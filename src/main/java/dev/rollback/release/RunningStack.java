package dev.rollback.release;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.Swarm;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the stack runs now: per service, the image reference and the image ID of its containers. */
public final class RunningStack {
    /** One service as it runs: the reference it was created from and the image ID behind it. */
    public record Service(String name, String image, String imageId) {
    }

    private RunningStack() {
    }

    /**
     * Compose: per service, the container that runs (else the newest one), so a crash-looping
     * service still shows the image it is crash-looping on.
     */
    public static Map<String, Service> compose(Docker docker, String project) {
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

    /** Swarm: per service of the stack, its spec image and a running task's image ID. */
    public static Map<String, Service> swarm(Swarm swarm, String stack) {
        Map<String, Service> services = new TreeMap<>();
        for (Swarm.SwarmService service : swarm.stackServices(stack)) {
            String name = service.name().startsWith(stack + "_") ? service.name().substring(stack.length() + 1)
                : service.name();
            services.put(name, new Service(name, stripDigest(service.image()), service.imageId()));
        }
        return services;
    }

    private static String stripDigest(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    /** service → image ID, for matching against releases. */
    public static Map<String, String> imageIds(Map<String, Service> running) {
        Map<String, String> ids = new TreeMap<>();
        running.forEach((name, service) -> {
            if (service.imageId() != null) {
                ids.put(name, service.imageId());
            }
        });
        return ids;
    }
}
