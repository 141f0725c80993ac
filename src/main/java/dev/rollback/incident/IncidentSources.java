package dev.rollback.incident;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.DockerDiagnostics;
import dev.rollback.adapters.git.GitRepository;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.postgres.Postgres;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where an incident bundle reads from. Every adapter comes through a supplier, because creating
 * one may already fail (no password in the environment, no git checkout): that failure belongs to
 * its collector, not to the bundle.
 *
 * @param project    the compose project (stack name) whose containers are inspected
 * @param httpChecks the configured HTTP checks, probed once each
 * @param stateDir   where the journal is
 * @param disks      paths whose filesystems are reported (the backups dir and /)
 * @param meminfo    {@code /proc/meminfo}
 * @param toolSecrets the secret values the tool itself holds ({@link ToolSecrets}), taken out of every file
 */
public record IncidentSources(String project, Supplier<Docker> docker, Supplier<DockerDiagnostics> diagnostics,
                              Supplier<Compose> compose, Supplier<GitRepository> git, Supplier<Postgres> postgres,
                              Supplier<List<HealthCheck>> httpChecks, Path stateDir, List<Path> disks, Path meminfo,
                              List<String> toolSecrets) {
    public IncidentSources {
        disks = List.copyOf(disks);
        toolSecrets = List.copyOf(toolSecrets);
    }
}
