package dev.rollback.cli;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.ComposeCli;
import dev.rollback.adapters.docker.ComposeProject;
import dev.rollback.adapters.digitalocean.DigitalOcean;
import dev.rollback.adapters.digitalocean.DigitalOceanClient;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.DatabaseData;
import dev.rollback.adapters.docker.DockerDataCli;
import dev.rollback.adapters.docker.DockerDiagnostics;
import dev.rollback.adapters.docker.DockerEngine;
import dev.rollback.adapters.docker.Networks;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.docker.Swarm;
import dev.rollback.adapters.docker.SwarmStackCli;
import dev.rollback.adapters.docker.Volumes;
import dev.rollback.adapters.dokploy.Dokploy;
import dev.rollback.adapters.dokploy.DokployClient;
import dev.rollback.core.RollbackException;
import dev.rollback.adapters.postgres.PgClient;
import dev.rollback.adapters.postgres.PgTarget;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.adapters.proxy.CaddyAdmin;
import dev.rollback.adapters.proxy.Proxy;
import dev.rollback.adapters.process.ChildEnvironment;
import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.core.config.Config;
import dev.rollback.core.config.SecretVariables;
import dev.rollback.incident.ToolSecrets;
import dev.rollback.notify.RunNotifier;
import dev.rollback.notify.Webhooks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The composition root: the real adapters, configured from {@code rollback.yml}. */
final class LiveAdapters implements Adapters {

    @Override
    public Docker docker(Config config) {
        // No ping here: the first step's check pings, so an unreachable daemon is a refused,
        // journaled run (exit 4) rather than an error before the plan.
        return DockerEngine.open(config.docker().host());
    }

    @Override
    public Compose compose(Config config) {
        return compose(config, stackProject(config));
    }

    /** The stack's files: {@code stack.compose-file} and {@code stack.env-file} in the workdir. */
    private static ComposeProject stackProject(Config config) {
        Path workdir = config.workdir();
        Path envFile = config.stack().envFile() != null ? workdir.resolve(config.stack().envFile()) : null;
        return new ComposeProject(config.stack().name(), workdir, List.of(workdir.resolve(config.stack().composeFile())),
            envFile);
    }

    @Override
    public Compose compose(Config config, ComposeProject project) {
        return ComposeCli.detect(project, runner(config), System.getenv("ROLLBACK_COMPOSE"));
    }

    /** Removing a stack waits as long as a health gate would for its containers to go. */
    @Override
    public StackTool swarmStack(Config config) {
        return new SwarmStackCli(stackProject(config), compose(config), runner(config), config.health().timeout());
    }

    @Override
    public Swarm swarm(Config config) {
        return DockerEngine.open(config.docker().host()).swarm();
    }

    @Override
    public Networks networks(Config config) {
        return DockerEngine.open(config.docker().host()).networks();
    }

    @Override
    public Proxy proxy(Config config) {
        if (config.proxy() == null) {
            throw RollbackException.usage("rollback.yml has no proxy: section (kind: caddy, container, admin)");
        }
        return new CaddyAdmin(config.proxy().admin());
    }

    @Override
    public Volumes volumes(Config config) {
        return DockerEngine.open(config.docker().host()).volumes(config.docker().helperImage());
    }

    @Override
    public DatabaseData databaseData(Config config) {
        return new DockerDataCli(runner(config), config.docker().host());
    }

    @Override
    public DockerDiagnostics diagnostics(Config config) {
        return DockerEngine.open(config.docker().host()).diagnostics();
    }

    @Override
    public DigitalOcean digitalOcean(Config config, Map<String, String> env) {
        if (config.digitalocean() == null) {
            throw RollbackException.usage("--provider digitalocean needs a digitalocean: section in rollback.yml"
                + " (droplet-id, domain, records)");
        }
        return DigitalOceanClient.fromConfig(config.digitalocean(), env);
    }

    @Override
    public Dokploy dokploy(Config config, Map<String, String> env) {
        if (config.dokploy() == null) {
            throw RollbackException.usage("stack.target is dokploy but rollback.yml has no dokploy: section");
        }
        return DokployClient.fromConfig(config.dokploy(), env);
    }

    /** Children get the environment without the tool's secrets, as this config names them. */
    private static ProcessRunner runner(Config config) {
        return new ProcessRunner(ChildEnvironment.inherited(SecretVariables.of(config)));
    }

    @Override
    public Postgres postgres(Config config, Map<String, String> env) {
        return new PgClient(PgTarget.fromConfig(config.database(), env, config.baseDir()), runner(config));
    }

    @Override
    public RunNotifier notifier(Config config, Map<String, String> env) {
        if (config.notifications().webhooks().isEmpty()) {
            return RunNotifier.NONE;
        }
        return Webhooks.of(config.notifications(), ToolSecrets.of(config, env));
    }
}
