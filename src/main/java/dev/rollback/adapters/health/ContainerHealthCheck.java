package dev.rollback.adapters.health;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.RollbackException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A container (or every container of a service, as the platform finds them) is running and,
 * when its image declares a healthcheck, reports {@code healthy}. The containers are looked up
 * again at every probe, so a check on a service keeps following it after a rollback recreates its
 * container.
 */
public final class ContainerHealthCheck implements HealthCheck {
    private final String target;
    private final Supplier<List<ContainerInfo>> containers;

    /**
     * @param target     what the containers are, for the check's name (a container or service name)
     * @param containers the containers to judge right now; empty when there are none
     */
    public ContainerHealthCheck(String target, Supplier<List<ContainerInfo>> containers) {
        this.target = target;
        this.containers = containers;
    }

    /** One container by name or id. */
    public static ContainerHealthCheck container(Docker docker, String nameOrId) {
        return new ContainerHealthCheck(nameOrId, () -> docker.container(nameOrId).stream().toList());
    }

    @Override
    public String name() {
        return "container:" + target;
    }

    @Override
    public HealthResult probe() {
        List<ContainerInfo> found;
        try {
            found = containers.get();
        } catch (RollbackException e) {
            // The daemon being unreachable is an answer too: not healthy, and the message says why.
            return HealthResult.unhealthy(name(), e.getMessage());
        }
        if (found.isEmpty()) {
            return HealthResult.unhealthy(name(), "no container");
        }
        if (found.size() == 1) {
            ContainerInfo only = found.get(0);
            return new HealthResult(name(), healthy(only), describe(only));
        }
        List<ContainerInfo> failing = found.stream().filter(container -> !healthy(container)).toList();
        if (failing.isEmpty()) {
            return HealthResult.healthy(name(), found.size() + " containers running and healthy");
        }
        return HealthResult.unhealthy(name(), failing.stream()
            .map(container -> container.name() + ": " + describe(container))
            .collect(Collectors.joining("; ")));
    }

    static boolean healthy(ContainerInfo container) {
        return container.running() && (!container.hasHealthcheck() || "healthy".equals(container.health()));
    }

    /** "running, healthy", "running (no healthcheck)", "running, health starting", "exited (exit 1)". */
    static String describe(ContainerInfo container) {
        if (container.running()) {
            return container.hasHealthcheck()
                ? "running, " + ("healthy".equals(container.health()) ? "healthy" : "health " + container.health())
                : "running (no healthcheck)";
        }
        String state = container.state() == null ? "unknown state" : container.state();
        // A created-but-never-started container has exit code 0, which would only mislead.
        boolean hasExited = container.exitCode() != null && !"created".equals(container.state());
        return hasExited ? state + " (exit " + container.exitCode() + ")" : state;
    }

    @Override
    public String toString() {
        return name();
    }
}
