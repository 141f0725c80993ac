package dev.rollback.restore;

import dev.rollback.core.Step;
import java.util.Optional;

/**
 * How the app services are stopped during a restore and started after it, as the platform does it
 * ({@code Platform.appServices}: compose stop/start, Swarm scale to 0 and back). None when no app
 * services are configured.
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

    /** {@code stop} undoes itself (starts the services again) when a later step fails. */
    public static AppServices of(Step stop, Step start) {
        return new AppServices(stop, start);
    }

    Optional<Step> stop() {
        return Optional.ofNullable(stop);
    }

    Optional<Step> start() {
        return Optional.ofNullable(start);
    }
}
