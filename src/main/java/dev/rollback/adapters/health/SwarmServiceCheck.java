package dev.rollback.adapters.health;

import dev.rollback.adapters.docker.Swarm;
import dev.rollback.core.RollbackException;

/**
 * A Swarm service is healthy when all its desired tasks run and no update is under way; when it is
 * not, the detail carries the newest task error, so a failed gate says why ("No such image: ...").
 */
public final class SwarmServiceCheck implements HealthCheck {
    private final Swarm swarm;
    private final String service;

    public SwarmServiceCheck(Swarm swarm, String service) {
        this.swarm = swarm;
        this.service = service;
    }

    @Override
    public String name() {
        return "service:" + service;
    }

    @Override
    public HealthResult probe() {
        try {
            return swarm.service(service).map(s -> {
                boolean updating = s.updateState() != null && s.updateState().endsWith("updating")
                    || "rollback_started".equals(s.updateState());
                boolean healthy = s.runningTasks() >= s.replicas() && s.replicas() > 0 && !updating;
                String detail = s.runningTasks() + "/" + s.replicas() + " tasks running"
                    + (s.updateState() == null ? "" : ", update " + s.updateState())
                    + (healthy || s.lastTaskError() == null ? "" : "; last task error: " + s.lastTaskError());
                return new HealthResult(name(), healthy, detail);
            }).orElse(HealthResult.unhealthy(name(), "no such service"));
        } catch (RollbackException e) {
            return HealthResult.unhealthy(name(), e.getMessage());
        }
    }
}
