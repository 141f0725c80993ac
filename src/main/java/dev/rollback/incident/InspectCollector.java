package dev.rollback.incident;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.DockerDiagnostics;
import java.util.function.Supplier;

/**
 * {@code inspect/<container>.json}: the Engine's document, environment values already redacted by the
 * adapter; and, for no file, the secret values the container was given (environment, labels,
 * command arguments), so that the bundle's last pass ({@link dev.rollback.core.Redactor}) takes them out of its log
 * and everything else. Runs before {@link LogsCollector}, which needs them.
 */
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
        diagnostics.get().secretValues(container.id()).forEach(bundle::secret);
        bundle.markSecretsKnown(container.id());
    }
}
