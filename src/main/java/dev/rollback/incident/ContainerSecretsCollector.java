package dev.rollback.incident;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.DockerDiagnostics;
import java.util.function.Supplier;

/**
 * No file: the secret values each container was given (environment, labels, command arguments),
 * so that the bundle's last pass ({@link Redactor}) takes them out of its logs and everything else.
 */
final class ContainerSecretsCollector extends PerContainerCollector {
    private final Supplier<DockerDiagnostics> diagnostics;

    ContainerSecretsCollector(Supplier<Docker> docker, Supplier<DockerDiagnostics> diagnostics, String project) {
        super(docker, project);
        this.diagnostics = diagnostics;
    }

    @Override
    public String name() {
        return "container secrets";
    }

    @Override
    protected void collect(ContainerInfo container, Bundle bundle) {
        diagnostics.get().secretValues(container.id()).forEach(bundle::secret);
        bundle.markSecretsKnown(container.id());
    }
}
