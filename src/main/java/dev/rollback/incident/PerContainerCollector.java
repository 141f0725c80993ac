package dev.rollback.incident;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.RollbackException;
import java.util.function.Supplier;

/**
 * A file per container of the stack (its inspect document, its log tail). One container that
 * cannot be read is listed as missing; the others are still collected.
 */
abstract class PerContainerCollector implements Collector {
    private final Supplier<Docker> docker;
    private final String project;

    PerContainerCollector(Supplier<Docker> docker, String project) {
        this.docker = docker;
        this.project = project;
    }

    /** The file's path in the bundle and its content, for one container. */
    protected abstract void collect(ContainerInfo container, Bundle bundle);

    @Override
    public final void collect(Bundle bundle) {
        for (ContainerInfo container : docker.get().projectContainers(project)) {
            try {
                collect(container, bundle);
            } catch (RollbackException e) {
                bundle.missing(name() + " of " + container.name(), e.getMessage());
            }
        }
    }

    /** A container name as a file name: safe characters only, short enough for a tar header. */
    static String fileName(ContainerInfo container) {
        String name = container.name() == null ? container.shortId() : container.name();
        String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return safe.length() <= 60 ? safe : safe.substring(0, 60);
    }
}
