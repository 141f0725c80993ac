package dev.rollback.adapters.docker;

/**
 * A container as seen by inspect/list.
 *
 * @param service compose service label (or swarm service name), null when not a compose container
 * @param state   Docker's state: created, running, restarting, paused, exited, dead
 * @param health  healthy, unhealthy, starting, or none when the image has no healthcheck
 * @param configHash compose's {@code com.docker.compose.config-hash} label: the hash of the service
 *                   definition the container was created from; null outside compose
 */
public record ContainerInfo(String id, String name, String project, String service, String image,
                            String imageId, String state, String health, Integer exitCode, String configHash) {

    public boolean running() {
        return "running".equals(state);
    }

    public boolean hasHealthcheck() {
        return health != null && !"none".equals(health);
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
