package dev.rollback.incident;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import java.util.function.Supplier;

/** {@code logs/<container>.log}: the last lines of each container's stdout and stderr. */
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
        bundle.file("logs/" + fileName(container) + ".log",
            String.join("\n", docker.get().logTail(container.id(), LINES)) + "\n");
    }
}
