package dev.rollback.platform;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.dokploy.Dokploy;
import dev.rollback.core.Plan;
import dev.rollback.core.config.Config;
import dev.rollback.redeploy.DokployRedeployPlan;
import dev.rollback.redeploy.DokployTargets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An application or compose service that Dokploy deploys ({@code stack.target: dokploy}). Dokploy
 * keeps its own deployment history, so redeploy goes through its API and nothing else is offered:
 * the tool's ledger, stopping services and volumes all refuse.
 */
final class DokployPlatform extends DeclaredPlatform {
    static final String NAME = "dokploy";
    static final Set<Capability> CAPABILITIES = EnumSet.noneOf(Capability.class);

    private final Config config;
    private final Supplier<Docker> docker;
    private final Supplier<Dokploy> dokploy;

    DokployPlatform(Config config, Supplier<Docker> docker, Supplier<Dokploy> dokploy) {
        super(NAME, CAPABILITIES);
        this.config = config;
        this.docker = docker;
        this.dokploy = dokploy;
    }

    /** The containers of the compose project named {@code stack.name} on this host, if Dokploy runs it here. */
    @Override
    public List<ContainerInfo> serviceContainers(String service) {
        return new ComposeStack(docker.get(), config.stack().name()).containers(service);
    }

    /** Dokploy's previous deployment (or {@code --to} one of its deployments), health-gated. */
    @Override
    public Plan redeploy(RedeployRequest request) {
        Dokploy api = dokploy.get();
        return DokployRedeployPlan.build(api, DokployTargets.of(config), request.wanted(),
            config.dokploy().deployTimeout(), request.httpChecks(), request.gate());
    }
}
