package dev.rollback.cli;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.DatabaseData;
import dev.rollback.adapters.docker.ComposeProject;
import dev.rollback.adapters.digitalocean.DigitalOcean;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.DockerDiagnostics;
import dev.rollback.adapters.docker.Networks;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.docker.Swarm;
import dev.rollback.adapters.docker.Volumes;
import dev.rollback.adapters.dokploy.Dokploy;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.adapters.proxy.Proxy;
import dev.rollback.core.config.Config;
import dev.rollback.notify.RunNotifier;
import java.util.Map;

/**
 * Creates the adapters for a configuration. The live implementation connects to the real
 * systems; tests may pass their own. Each call may connect, so commands ask only for what they use.
 */
public interface Adapters {
    Docker docker(Config config);

    Compose compose(Config config);

    /** Another compose project than the stack's (blue-green's {@code <stack>-green}), with the stack's config. */
    Compose compose(Config config, ComposeProject project);

    Swarm swarm(Config config);

    /** A Swarm stack's files ({@code stack.compose-file}, {@code stack.env-file}) applied with {@code docker stack}. */
    StackTool swarmStack(Config config);

    /** Docker networks, and probes from inside a container's network (blue-green). */
    Networks networks(Config config);

    /** The reverse proxy's control API ({@code proxy:}). */
    Proxy proxy(Config config);

    /** Named volumes, through helper containers of {@code docker.helper-image}. */
    Volumes volumes(Config config);

    /** The database's data volume, scratch servers and the volume exchange of a point-in-time restore. */
    DatabaseData databaseData(Config config);

    /** What an incident bundle reads from the Engine, secrets already redacted. */
    DockerDiagnostics diagnostics(Config config);

    /** DigitalOcean's API; the token is read from {@code env} as the config says. */
    DigitalOcean digitalOcean(Config config, Map<String, String> env);

    /** Dokploy's API; the key is read from {@code env} as the config says. */
    Dokploy dokploy(Config config, Map<String, String> env);

    /** The stack's database; the password is read from {@code env} as the config says. */
    Postgres postgres(Config config, Map<String, String> env);

    /**
     * Who hears about the runs that change something ({@code notify.webhooks}); its bodies mask
     * the tool's secrets as {@code env} holds them.
     */
    RunNotifier notifier(Config config, Map<String, String> env);
}
