package dev.rollback.redeploy;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.DowntimeMonitor;
import dev.rollback.release.ImageRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compose: points each service's image reference at the recorded image ID, then recreates only
 * those services ({@code up -d --no-build --no-deps --force-recreate}); the database and other
 * services keep their containers. Undo does the same with the image IDs that ran before.
 */
final class SwitchComposeStep implements Step {
    private static final Duration MONITOR_INTERVAL = Duration.ofMillis(200);

    private final Docker docker;
    private final Compose compose;
    private final Switch change;
    private final Function<List<String>, Map<String, HealthCheck>> monitored;
    private final boolean undoOnFailure;

    /**
     * @param monitored services → the checks whose downtime is measured (name in the report → check)
     */
    SwitchComposeStep(Docker docker, Compose compose, Switch change,
                      Function<List<String>, Map<String, HealthCheck>> monitored, boolean undoOnFailure) {
        this.docker = docker;
        this.compose = compose;
        this.change = change;
        this.monitored = monitored;
        this.undoOnFailure = undoOnFailure;
    }

    @Override
    public String id() {
        return "switch-images";
    }

    @Override
    public String description() {
        if (change.target == null) {
            return "point the services' images at the release and recreate them";
        }
        if (change.nothingToDo()) {
            return "nothing to switch: the services already run release " + change.target.id();
        }
        return "recreate " + String.join(", ", change.services()) + " on the images of release " + change.target.id();
    }

    @Override
    public boolean destructive() {
        return !change.nothingToDo();
    }

    @Override
    public void apply(StepContext context) {
        if (change.nothingToDo()) {
            context.skip("the services already run release " + change.target.id());
            return;
        }
        change.startedNanos = System.nanoTime();
        change.monitor = DowntimeMonitor.start(monitored.apply(change.services()), MONITOR_INTERVAL);
        try {
            for (ServiceChange c : change.changes) {
                retag(c.image(), c.toImageId());
            }
            compose.up(change.services(), new Compose.UpOptions(true, true));
        } catch (RuntimeException e) {
            change.monitor.stop();
            throw e;
        }
        context.detail("recreated", change.services()).detail("compose", compose.implementation());
    }

    private void retag(String image, String imageId) {
        ImageRef ref = ImageRef.parse(image);
        docker.tag(imageId, ref.repository(), ref.tag());
    }

    @Override
    public boolean undoable() {
        return undoOnFailure && !change.nothingToDo();
    }

    @Override
    public void undo(StepContext context) {
        List<String> restored = change.changes.stream().filter(c -> c.fromImageId() != null)
            .peek(c -> retag(c.image(), c.fromImageId())).map(ServiceChange::service).toList();
        if (!restored.isEmpty()) {
            compose.up(restored, new Compose.UpOptions(true, true));
        }
        context.detail("restored", restored);
    }
}
