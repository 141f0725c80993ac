package dev.rollback.adapters.docker;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import java.util.Map;

/** Builds {@link ContainerInfo} from docker-java's inspect response. */
final class ContainerInfos {
    static final String PROJECT_LABEL = "com.docker.compose.project";
    static final String SERVICE_LABEL = "com.docker.compose.service";
    static final String SWARM_SERVICE_LABEL = "com.docker.swarm.service.name";
    static final String CONFIG_HASH_LABEL = "com.docker.compose.config-hash";
    /** What {@link ContainerInfo#health} says when the image defines no HEALTHCHECK. */
    static final String NO_HEALTHCHECK = "none";

    private ContainerInfos() {
    }

    static ContainerInfo from(InspectContainerResponse inspect) {
        Map<String, String> labels = inspect.getConfig() == null || inspect.getConfig().getLabels() == null
            ? Map.of() : inspect.getConfig().getLabels();
        String service = labels.getOrDefault(SERVICE_LABEL, labels.get(SWARM_SERVICE_LABEL));
        ContainerState state = inspect.getState();
        String status = state == null ? null : state.getStatus();
        return new ContainerInfo(inspect.getId(), stripSlash(inspect.getName()), labels.get(PROJECT_LABEL), service,
            inspect.getConfig() == null ? null : inspect.getConfig().getImage(), inspect.getImageId(),
            status, health(state), exitCode(state), labels.get(CONFIG_HASH_LABEL));
    }

    private static String health(ContainerState state) {
        HealthState health = state == null ? null : state.getHealth();
        return health == null || health.getStatus() == null ? NO_HEALTHCHECK : health.getStatus();
    }

    /** Docker reports 0 for containers that never stopped; only an ended container has an exit code. */
    private static Integer exitCode(ContainerState state) {
        if (state == null || !("exited".equals(state.getStatus()) || "dead".equals(state.getStatus()))) {
            return null;
        }
        Long code = state.getExitCodeLong();
        return code == null ? null : code.intValue();
    }

    /** The Engine API names containers "/web-1". */
    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }
}
