package dev.rollback.decide;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;

/** Is the Docker daemon there at all? If not, the infrastructure is down (runbook level 4). */
final class DockerProbe extends Probe {
    private final Docker docker;

    DockerProbe(Docker docker, FactSheet sheet) {
        super(sheet);
        this.docker = docker;
    }

    @Override
    public String id() {
        return "probe-docker";
    }

    @Override
    public String description() {
        return sheet.docker.reachable() ? "Docker at " + docker.endpoint() + " answers"
            : sheet.docker.error();
    }

    @Override
    protected void probe(StepContext context) {
        try {
            docker.ping();
            sheet.docker = new Facts.Docker(true, docker.endpoint(), null);
        } catch (RollbackException e) {
            sheet.docker = new Facts.Docker(false, docker.endpoint(), e.getMessage());
        }
        context.detail("reachable", sheet.docker.reachable()).detail("endpoint", docker.endpoint());
        if (sheet.docker.error() != null) {
            context.detail("error", sheet.docker.error());
        }
    }
}
