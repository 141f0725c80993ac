package dev.rollback.verify;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.RollbackException;
import java.util.List;
import java.util.function.Supplier;

/** The containers of one service of the stack, looked up fresh each time (they may be recreated) through the platform. */
final class ServiceContainers {
    private final Docker docker;
    private final String stack;
    private final String service;
    private final Supplier<List<ContainerInfo>> lookup;

    /** @param lookup the service's containers now, as the platform finds them */
    ServiceContainers(Docker docker, String stack, String service, Supplier<List<ContainerInfo>> lookup) {
        this.docker = docker;
        this.stack = stack;
        this.service = service;
        this.lookup = lookup;
    }

    String service() {
        return service;
    }

    void requireDocker() {
        docker.ping();
    }

    Docker docker() {
        return docker;
    }

    /** At least one container, or a failure saying the service has none. */
    List<ContainerInfo> require() {
        List<ContainerInfo> containers = lookup.get();
        if (containers.isEmpty()) {
            throw RollbackException.failed("service " + service + " has no container in stack " + stack);
        }
        return containers;
    }

    static String describe(ContainerInfo container) {
        String state = container.state();
        if (!container.running() && container.exitCode() != null) {
            state += " (exit code " + container.exitCode() + ")";
        }
        return container.name() + " " + state;
    }
}
