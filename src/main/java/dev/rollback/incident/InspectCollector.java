package dev.rollback.incident;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.DockerDiagnostics;
import java.util.function.Supplier;

/** {@code inspect/<container>.json}: the Engine's document, environment values already redacted by the adapter. */
final class InspectCollector extends PerContainerCollector {
    private final Supplier<DockerDiagnostics> diagnostics;

    InspectCollector(Supplier<Docker> docker, Supplier<DockerDiagnostics> diagnostics, String project) {
        super(docker, project);
        this.diagnostics = diagnostics;
    }

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    protected void collect(ContainerInfo container, Bundle bundle) {
        bundle.file("inspect/" + fileName(container) + ".json", diagnostics.get().inspect(container.id()));
    }
}
