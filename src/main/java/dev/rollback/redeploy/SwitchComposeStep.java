package dev.rollback.redeploy;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.StepContext;
import dev.rollback.gate.HealthyAgain;
import dev.rollback.release.ImageRef;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compose: points each service's image reference at the recorded image ID, then recreates only
 * those services ({@code up -d --no-build --no-deps --force-recreate}); the database and other
 * services keep their containers. Undo does the same with the image IDs that ran before, and
 * returns when they are healthy again.
 */
final class SwitchComposeStep extends SwitchStep {
    private final Docker docker;
    private final Compose compose;
    private final HealthyAgain healthyAgain;

    SwitchComposeStep(Docker docker, Compose compose, Switch change,
                      Function<List<String>, Map<String, HealthCheck>> monitored, boolean undoOnFailure,
                      HealthyAgain healthyAgain) {
        super(change, monitored, undoOnFailure);
        this.docker = docker;
        this.compose = compose;
        this.healthyAgain = healthyAgain;
    }

    @Override
    public String id() {
        return "switch-images";
    }

    /** Nothing to refuse here; compose's version is found meanwhile, so the switch does not wait for it. */
    @Override
    public void check(StepContext context) {
        if (!change.nothingToDo()) {
            compose.detectAhead();
        }
    }

    @Override
    protected String verb() {
        return "recreate";
    }

    @Override
    protected void switchServices(StepContext context) {
        for (ServiceChange c : change.changes) {
            retag(c.image(), c.toImageId());
        }
        compose.up(change.services(), new Compose.UpOptions(true, true));
        context.detail("recreated", change.services()).detail("compose", compose.implementation());
    }

    @Override
    protected List<String> restore(StepContext context) {
        List<String> restored = change.changes.stream().filter(c -> c.fromImageId() != null)
            .peek(c -> retag(c.image(), c.fromImageId())).map(ServiceChange::service).toList();
        if (!restored.isEmpty()) {
            compose.up(restored, new Compose.UpOptions(true, true));
            healthyAgain.await(restored, context);
        }
        return restored;
    }

    private void retag(String image, String imageId) {
        ImageRef ref = ImageRef.parse(image);
        docker.tag(imageId, ref.repository(), ref.tag());
    }
}
