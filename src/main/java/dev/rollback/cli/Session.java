package dev.rollback.cli;

import dev.rollback.adapters.digitalocean.DigitalOcean;
import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.Networks;
import dev.rollback.adapters.proxy.Proxy;
import dev.rollback.adapters.docker.Swarm;
import dev.rollback.adapters.docker.Volumes;
import dev.rollback.adapters.dokploy.Dokploy;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.platform.Platform;
import dev.rollback.platform.PlatformAdapters;
import dev.rollback.platform.Platforms;
import dev.rollback.release.RunningStack;
import java.util.Map;
import dev.rollback.adapters.health.HttpCheck;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.gate.HealthGate;
import dev.rollback.verify.VerifyPlan;
import dev.rollback.release.Ledger;
import java.util.List;
import dev.rollback.core.Executor;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.config.Config;
import dev.rollback.incident.IncidentSources;
import dev.rollback.core.Identity;
import dev.rollback.notify.RunNotice;
import dev.rollback.notify.RunNotifier;
import dev.rollback.workdir.GitCheckout;
import dev.rollback.adapters.sql.JSqlStatements;
import dev.rollback.migrations.DatabaseTableSizes;
import dev.rollback.migrations.MigrationCheck;
import dev.rollback.migrations.MigrationPaths;
import java.util.function.Function;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One invocation: the context, the global options and the loaded configuration. Adapters are
 * created on first use, so a command connects only to what it needs.
 */
final class Session {
    private final AppContext app;
    private final RollbackCommand options;
    private final Config config;
    private Docker docker;
    private Compose compose;
    private Postgres postgres;
    private Swarm swarm;
    private Volumes volumes;
    private Dokploy dokploy;
    private Networks networks;
    private Proxy proxy;
    private Platform platform;
    private ProgressLine progress;
    private RunNotifier notifier;

    Session(AppContext app, RollbackCommand options, Config config) {
        this.app = app;
        this.options = options;
        this.config = config;
    }

    Config config() {
        return config;
    }

    AppContext app() {
        return app;
    }

    RollbackCommand options() {
        return options;
    }

    Docker docker() {
        if (docker == null) {
            docker = app.adapters().docker(config);
        }
        return docker;
    }

    Compose compose() {
        if (compose == null) {
            compose = app.adapters().compose(config);
        }
        return compose;
    }

    Swarm swarm() {
        if (swarm == null) {
            swarm = app.adapters().swarm(config);
        }
        return swarm;
    }

    Volumes volumes() {
        if (volumes == null) {
            volumes = app.adapters().volumes(config);
        }
        return volumes;
    }

    Networks networks() {
        if (networks == null) {
            networks = app.adapters().networks(config);
        }
        return networks;
    }

    Proxy proxy() {
        if (proxy == null) {
            proxy = app.adapters().proxy(config);
        }
        return proxy;
    }

    Dokploy dokploy() {
        if (dokploy == null) {
            dokploy = app.adapters().dokploy(config, app.env());
        }
        return dokploy;
    }

    /** Where {@code incident} (and level 4's first step) reads from; every adapter created only when a collector asks. */
    IncidentSources incidentSources() {
        return new IncidentSources(config.stack().name(), this::docker, () -> app.adapters().diagnostics(config),
            this::compose, () -> GitCheckout.around(config.workdir()).git(), this::postgres, this::httpChecks,
            config.stateDirPath(), List.of(config.backupsDir(), Path.of("/")), Path.of("/proc/meminfo"),
            dev.rollback.incident.ToolSecrets.of(config, app.env()));
    }

    /** DigitalOcean's API, the token from the variable digitalocean.token-env names. */
    DigitalOcean digitalOcean() {
        return app.adapters().digitalOcean(config, app.env());
    }

    /** {@code check-migrations} over a checkout, as level 1 and {@code plan} run it (migrations.paths, large tables). */
    Function<GitCheckout, MigrationCheck> migrationCheck() {
        long threshold = config.migrations().largeTableRows();
        return checkout -> new MigrationCheck(new MigrationCheck.Inputs(checkout.git(), checkout.prefix(),
            MigrationPaths.of(config.migrations()), new JSqlStatements(),
            new DatabaseTableSizes(this::postgres, threshold), threshold));
    }

    Postgres postgres() {
        if (postgres == null) {
            postgres = app.adapters().postgres(config, app.env());
        }
        return postgres;
    }

    Ledger ledger() {
        return new Ledger(config.stateDirPath());
    }

    /** The configured HTTP checks. */
    List<HealthCheck> httpChecks() {
        return config.health().checks().stream().<HealthCheck>map(HttpCheck::from).toList();
    }

    /** What {@code verify} checks, for these services, judging log lines since {@code logsSince} (null: all). */
    VerifyPlan.Inputs verifyInputs(List<String> services, java.time.Instant logsSince) {
        List<VerifyPlan.HttpProbe> probes = config.health().checks().stream()
            .map(check -> new VerifyPlan.HttpProbe(HttpCheck.from(check), check.url(), check.retries())).toList();
        String sampleQuery = config.verify().sampleQuery();
        return new VerifyPlan.Inputs(
            new VerifyPlan.Services(docker(), config.stack().name(), platform()::serviceContainers, services,
                config.health().timeout()),
            new VerifyPlan.Logs(config.verify().logLines(), config.verify().logErrorPatterns(), logsSince),
            new VerifyPlan.HttpChecks(probes, config.health().interval()),
            sampleQuery != null ? new VerifyPlan.SampleQuery(postgres(), sampleQuery) : null,
            app.interruption()::requested);
    }

    HealthGate healthGate() {
        return new HealthGate(config.health().timeout(), config.health().interval(), app.interruption()::requested);
    }

    /** The platform the stack runs on, chosen once from {@code stack.target}; its adapters created on first use. */
    Platform platform() {
        if (platform == null) {
            platform = Platforms.choose(config,
                new PlatformAdapters(this::docker, this::compose, this::swarm,
                    () -> app.adapters().swarmStack(config), this::volumes, this::dokploy));
        }
        return platform;
    }

    /** What runs now, per service, as the platform reads it (refused where the tool keeps no ledger). */
    Map<String, RunningStack.Service> runningStack() {
        return platform().stack().services();
    }

    /** Per running service, the check that it is up: its containers' healthchecks, or its Swarm tasks. */
    List<HealthCheck> serviceChecks() {
        RunningStack stack = platform().stack();
        return stack.serviceChecks(stack.services().keySet());
    }

    /**
     * Progress for the operator on stderr: one updating line per step on a terminal, plain lines
     * otherwise; silent under --quiet.
     */
    Consumer<String> progress() {
        if (options.verbosity() < 0) {
            return line -> { };
        }
        if (progress == null) {
            Palette palette = Palette.forStream(app.terminal().stderr(), options.noColor, app.env());
            progress = new ProgressLine(app.err(), app.terminal(), palette, System::nanoTime);
        }
        return progress;
    }

    /** Colour for the report on stdout: only on a terminal, never for JSON or with --no-color/NO_COLOR. */
    Palette reportPalette() {
        return Palette.forStream(app.terminal().stdout() && !options.json(), options.noColor, app.env());
    }

    /**
     * Runs a plan, a live progress line ticking meanwhile, and ends that line before the report is
     * printed. A run that changes something (a mutating plan, not a dry run) is announced to the
     * webhooks when it starts and when it ends; the posts go out in the background
     * ({@link #finishNotices}).
     */
    Report execute(Plan plan) {
        return execute(plan, UnaryOperator.identity());
    }

    /**
     * As {@link #execute(Plan)}, then {@code followUp} turns the report into the command's final one
     * before the end is announced: {@code watch} runs the rollback it triggers there (a run of its
     * own, announced and journaled as itself), so the webhooks hear the watch start, the rollback
     * start and end, then the watch end with the rollback's outcome in it.
     */
    Report execute(Plan plan, UnaryOperator<Report> followUp) {
        progress();
        RunNotifier notices = plan.mutating() && !options.dryRun ? notifier() : RunNotifier.NONE;
        String host = notices == RunNotifier.NONE ? null : Identity.host();
        notices.started(RunNotice.started(plan, host));
        Report report;
        try (ProgressTicker ticker = ProgressTicker.start(progress)) {
            report = executor().run(plan, runOptions());
        } finally {
            endProgress();
        }
        Report ended = report;
        try {
            ended = followUp.apply(report);
        } finally {
            notices.ended(RunNotice.ended(ended, host));
        }
        return ended;
    }

    private RunNotifier notifier() {
        if (notifier == null) {
            notifier = app.adapters().notifier(config, app.env());
        }
        return notifier;
    }

    /**
     * Waits, at most the webhooks' bound past the end post, for the posts still in flight; one
     * warning line on stderr per post that failed. The run's outcome and exit code never change.
     */
    void finishNotices() {
        if (notifier != null) {
            notifier.finish().forEach(warning -> app.err().println("rollback: warning: " + warning));
            app.err().flush();
        }
    }

    /** Ends a live progress line (the report or an error line comes next). */
    void endProgress() {
        if (progress != null) {
            progress.finish();
        }
    }

    Executor executor() {
        return new Executor(config.stateDirPath(), options.yes ? dev.rollback.core.Confirmer.ALWAYS : app.confirmer(),
            app.interruption(), progress(), app.clock());
    }

    Executor.Options runOptions() {
        return new Executor.Options(options.dryRun, options.yes);
    }
}
