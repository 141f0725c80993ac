package dev.rollback.platform;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.docker.Swarm;
import dev.rollback.adapters.docker.Volumes;
import dev.rollback.adapters.dokploy.Dokploy;
import java.util.function.Supplier;

/**
 * The adapters a platform may use, each created on first use (a command connects only to what it
 * needs); the composition root ({@code cli/Session}) passes its own.
 *
 * @param swarmStack the stack's files applied with {@code docker stack} (a Swarm stack's {@link Platform#stackFiles})
 */
public record PlatformAdapters(Supplier<Docker> docker, Supplier<Compose> compose, Supplier<Swarm> swarm,
                               Supplier<StackTool> swarmStack, Supplier<Volumes> volumes, Supplier<Dokploy> dokploy) {
}
