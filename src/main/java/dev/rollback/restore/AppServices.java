package dev.rollback.restore;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.Swarm;
import dev.rollback.core.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the app services are stopped during a restore and started after it: compose stop/start, or
 * Swarm scale to 0 and back to the remembered replica counts. None when no app services are configured.
 */
public final class AppServices {
    private final Step stop;
    private final Step start;

    private AppServices(Step stop, Step start) {
        this.stop = stop;
        this.start = start;
    }

    public static AppServices none() {
        return new AppServices(null, null);
    }

    public static AppServices compose(Compose compose, List<String> services) {
        return services.isEmpty() ? none()
            : new AppServices(new StopAppStep(compose, services), new StartAppStep(compose, services));
    }

    public static AppServices swarm(Swarm swarm, String stack, List<String> services, Duration timeout) {
        if (services.isEmpty()) {
            return none();
        }
        SwarmReplicas replicas = new SwarmReplicas();
        return new AppServices(new ScaleDownStep(swarm, stack, services, replicas, timeout),
            new ScaleUpStep(swarm, stack, replicas, timeout));
    }

    Optional<Step> stop() {
        return Optional.ofNullable(stop);
    }

    Optional<Step> start() {
        return Optional.ofNullable(start);
    }
}
