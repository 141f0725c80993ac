package dev.rollback.adapters.docker;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds {@link ContainerInfo} from docker-java's inspect response. */
final class ContainerInfos {
    static final String PROJECT_LABEL = "com.docker.compose.project";
    static final String SERVICE_LABEL = "com.docker.compose.service";
    static final String SWARM_SERVICE_LABEL = "com.docker.swarm.service.name";
    static final String STACK_LABEL = "com.docker.stack.namespace";
    /** What {@link ContainerInfo#health} says when the image defines no HEALTHCHECK. */
    static final String NO_HEALTHCHECK = "none";

    private ContainerInfos() {
    }

    static ContainerInfo from(InspectContainerResponse inspect) {
        Map<String, String> labels = inspect.getConfig() == null || inspect.getConfig().getLabels() == null
            ? Map.of() : inspect.getConfig().getLabels();
        String service = labels.getOrDefault(SERVICE_LABEL, swarmService(labels));
        ContainerState state = inspect.getState();
        String status = state == null ? null : state.getStatus();
        return new ContainerInfo(inspect.getId(), stripSlash(inspect.getName()), labels.get(PROJECT_LABEL), service,
            inspect.getConfig() == null ? null : inspect.getConfig().getImage(), inspect.getImageId(),
            status, health(state), exitCode(state));
    }

    /** A Swarm task's service as its stack file names it: {@code web} for {@code <stack>_web}. */
    private static String swarmService(Map<String, String> labels) {
        String service = labels.get(SWARM_SERVICE_LABEL);
        String prefix = labels.get(STACK_LABEL) + "_";
        return service != null && labels.containsKey(STACK_LABEL) && service.startsWith(prefix)
            ? service.substring(prefix.length()) : service;
    }

    /**
     * The containers of a Swarm stack's current tasks: the running ones, and for a service with
     * none running its newest container, so a crash-looping service shows why. Swarm keeps the
     * containers of replaced tasks (task history); those say nothing about the stack now.
     *
     * @param newestFirst the stack's containers, newest first (the Engine's list order)
     */
    static List<ContainerInfo> currentTasks(List<ContainerInfo> newestFirst) {
        Map<String, List<ContainerInfo>> byService = new LinkedHashMap<>();
        for (ContainerInfo container : newestFirst) {
            List<ContainerInfo> service = byService.computeIfAbsent(Objects.toString(container.service(), ""),
                name -> new ArrayList<>());
            if (container.running()) {
                service.removeIf(c -> !c.running());
                service.add(container);
            } else if (service.isEmpty()) {
                service.add(container);
            }
        }
        return byService.values().stream().flatMap(List::stream).toList();
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
