package dev.rollback.release;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.health.HealthCheck;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the stack runs now: per service, the image reference and the image ID behind it, and the
 * check that a service is up. The platform answers it (a compose project's containers, a Swarm
 * stack's services): see {@code dev.rollback.platform}.
 */
public interface RunningStack {
    /** One service as it runs: the reference it was created from and the image ID behind it. */
    record Service(String name, String image, String imageId) {
    }

    /** The stack's name on its platform: the compose project or the Swarm stack namespace. */
    String name();

    /** Per service, what runs now, read afresh at every call. */
    Map<String, Service> services();

    /** The check that {@code service} is up, looked up again at every probe so it follows a recreated service. */
    HealthCheck serviceCheck(String service);

    /**
     * The containers {@code service} runs in now on this node, for {@code verify}'s per-container checks
     * (running, healthcheck, logs); empty when it has none here.
     */
    List<ContainerInfo> containers(String service);

    /** {@link #serviceCheck} for each of {@code services}, in their order. */
    default List<HealthCheck> serviceChecks(Collection<String> services) {
        return services.stream().map(this::serviceCheck).toList();
    }

    /** service → image ID, for matching against releases. */
    static Map<String, String> imageIds(Map<String, Service> running) {
        Map<String, String> ids = new TreeMap<>();
        running.forEach((name, service) -> {
            if (service.imageId() != null) {
                ids.put(name, service.imageId());
            }
        });
        return ids;
    }
}
