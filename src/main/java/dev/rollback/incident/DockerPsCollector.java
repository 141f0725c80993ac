package dev.rollback.incident;

import dev.rollback.adapters.docker.DockerDiagnostics;
import java.util.function.Supplier;

/** {@code docker-ps.txt}: every container of the engine, as {@code docker ps -a} shows them. */
final class DockerPsCollector implements Collector {
    private final Supplier<DockerDiagnostics> diagnostics;

    DockerPsCollector(Supplier<DockerDiagnostics> diagnostics) {
        this.diagnostics = diagnostics;
    }

    @Override
    public String name() {
        return "docker-ps";
    }

    @Override
    public void collect(Bundle bundle) {
        bundle.file("docker-ps.txt", diagnostics.get().containerTable());
    }
}
