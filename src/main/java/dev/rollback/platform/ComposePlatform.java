package dev.rollback.platform;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.Networks;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.docker.Volumes;
import dev.rollback.bluegreen.ComposeSides;
import dev.rollback.bluegreen.SidePlatform;
import dev.rollback.core.Plan;
import dev.rollback.redeploy.RedeployPlan;
import dev.rollback.release.RunningStack;
import dev.rollback.restore.AppServices;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** A compose project on this host ({@code stack.target: compose}): every level and strategy. */
final class ComposePlatform extends DeclaredPlatform {
    static final String NAME = "compose";
    static final Set<Capability> CAPABILITIES = EnumSet.allOf(Capability.class);

    private final String project;
    private final Supplier<Docker> docker;
    private final Supplier<Compose> compose;
    private final Supplier<Volumes> volumes;

    ComposePlatform(String project, Supplier<Docker> docker, Supplier<Compose> compose, Supplier<Volumes> volumes) {
        super(NAME, CAPABILITIES);
        this.project = project;
        this.docker = docker;
        this.compose = compose;
        this.volumes = volumes;
    }

    @Override
    public Plan redeploy(RedeployRequest request) {
        return RedeployPlan.compose(request.toInputs(docker.get(), stack()), compose.get(), request.migrations());
    }

    @Override
    public RunningStack stack() {
        return new ComposeStack(docker.get(), project);
    }

    /** compose stop, and compose start after the restore. */
    @Override
    public AppServices appServices(List<String> services) {
        return services.isEmpty() ? AppServices.none()
            : AppServices.of(new StopAppStep(compose.get(), services), new StartAppStep(compose.get(), services));
    }

    @Override
    public StackTool stackFiles() {
        return compose.get();
    }

    /** Sides as compose projects: green the app services of {@code <project>-green}. */
    @Override
    public SidePlatform blueGreen(Networks networks) {
        return new ComposeSides(docker.get(), networks, name -> new ComposeStack(docker.get(), name), compose.get()::forProject);
    }

    /** The volumes labelled with the project ({@code com.docker.compose.project}). */
    @Override
    public List<String> volumes() {
        return volumes.get().projectVolumes(project);
    }
}
