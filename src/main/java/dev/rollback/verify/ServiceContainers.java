package dev.rollback.verify;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.RollbackException;
import java.util.List;
import java.util.stream.Collectors;

/** The containers of one service of the stack, looked up fresh each time (they may be recreated). */
final class ServiceContainers {
    private final Docker docker;
    private final String project;
    private final String service;

    ServiceContainers(Docker docker, String project, String service) {
        this.docker = docker;
        this.project = project;
        this.service = service;
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
        List<ContainerInfo> containers = docker.projectContainers(project).stream()
            .filter(c -> service.equals(c.service())).collect(Collectors.toList());
        if (containers.isEmpty()) {
            throw RollbackException.failed("service " + service + " has no container in project " + project);
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
