package dev.rollback.incident;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import java.util.function.Supplier;

/**
 * {@code logs/<container>.log}: the last lines of each container's stdout and stderr; only of a
 * container whose secret values were read first, since a log is where an application prints them.
 */
final class LogsCollector extends PerContainerCollector {
    static final int LINES = 200;

    private final Supplier<Docker> docker;

    LogsCollector(Supplier<Docker> docker, String project) {
        super(docker, project);
        this.docker = docker;
    }

    @Override
    public String name() {
        return "logs";
    }

    @Override
    protected void collect(ContainerInfo container, Bundle bundle) {
        if (!bundle.secretsKnown(container.id())) {
            bundle.missing(name() + " of " + container.name(), "its secret values could not be read, so its log"
                + " (which may print them) is left out");
            return;
        }
        bundle.file("logs/" + fileName(container) + ".log",
            String.join("\n", docker.get().logTail(container.id(), LINES)) + "\n");
    }
}
