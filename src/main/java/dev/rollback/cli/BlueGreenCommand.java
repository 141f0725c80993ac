package dev.rollback.cli;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.backup.BackupStore;
import dev.rollback.bluegreen.BlueGreenInputs;
import dev.rollback.bluegreen.BlueGreenPlan;
import dev.rollback.bluegreen.HostHttp;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.Step;
import dev.rollback.images.MissingImages;
import dev.rollback.platform.Capability;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.Config;
import dev.rollback.core.config.DurationText;
import dev.rollback.core.config.ProxyConfig;
import dev.rollback.release.Ledger;
import dev.rollback.volume.VolumeSteps;
import dev.rollback.workdir.GitCheckout;
import dev.rollback.workdir.StackFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code blue-green}: the blue-green strategy (docs/runbook/strategies.md): zero downtime behind Caddy. */
@Command(name = "blue-green", mixinStandardHelpOptions = true,
    header = "Roll back behind Caddy with zero downtime.",
    description = {
        "The blue-green strategy: start --to REV (default: the previous release) as project <stack>-green on "
            + "shifted ports, verify it as Caddy will reach it, switch Caddy to it, drain and stop blue, bring REV up "
            + "as the primary on the original ports, switch back and remove green.",
        "Before the switch any failure removes green and blue keeps serving."})
final class BlueGreenCommand extends PlanCommand {
    private static final int MAX_OFFSET = 60000;

    @Option(names = "--to", paramLabel = "REV",
        description = "A git revision (commit, tag, HEAD~1), or a release id (its commit and images);"
            + " default: the previous release.")
    String to;

    @Option(names = "--port-offset", paramLabel = "N",
        description = "Added to green's published host ports (default: blue-green.port-offset, 10000).")
    Integer portOffset;

    @Option(names = "--drain", paramLabel = "DURATION",
        description = "How long the side the proxy left finishes its requests (default: blue-green.drain, 10s).")
    String drain;

    @Option(names = "--no-volume-backup", description = "Do not archive the stack's volumes before green starts.")
    boolean noVolumeBackup;

    @Option(names = "--no-pull", description = "Refuse instead of pulling images of REV that are not here.")
    boolean noPull;

    BlueGreenCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        Config config = session.config();
        session.platform().require(Capability.BLUE_GREEN);
        ProxyConfig proxy = config.proxy();
        if (proxy == null) {
            throw RollbackException.usage("blue-green switches Caddy: add proxy: {kind: caddy, service: <Caddy's compose"
                + " service> (or container: <its container>; neither when Caddy runs on the host), admin: \""
                + ProxyConfig.DEFAULT_ADMIN + "\"} to rollback.yml");
        }
        if (config.health().checks().isEmpty()) {
            throw RollbackException.usage("blue-green confirms each switch through the proxy: add a health.checks entry"
                + " whose URL goes through Caddy");
        }
        BlueGreenInputs.Settings settings = settings(config, proxyContainer(session, proxy));
        List<Step> volumeBackups = noVolumeBackup ? List.of()
            : VolumeSteps.backupAll(session.volumes(), new BackupStore(config.backupsDir(), app.clock()),
                session.platform()::volumes, config.backups().keepVolumes(),
                new MissingImages(session.docker(), !noPull));
        return BlueGreenPlan.build(new BlueGreenInputs(stack(config), settings, tools(session)), volumeBackups);
    }

    private BlueGreenInputs.Stack stack(Config config) {
        Path workdir = config.workdir();
        StackFiles files = new StackFiles(workdir, config.stack().composeFile(), config.stack().envFile());
        return new BlueGreenInputs.Stack(config.stack().name(), files,
            workdir.resolve(config.stack().composeFile()).getParent(), git(workdir), to,
            new Ledger(config.stateDirPath()), config.stack().appServices(), config.stack().statefulServices());
    }

    /**
     * {@code proxy.container}, or the running container of {@code proxy.service} in the stack's
     * project; null when neither is set (Caddy on the host: proxy-routes refuses if it dials names).
     */
    private static String proxyContainer(Session session, ProxyConfig proxy) {
        if (!proxy.located()) {
            return null;
        }
        if (proxy.container() != null) {
            return proxy.container();
        }
        String project = session.config().stack().name();
        return session.docker().projectContainers(project).stream()
            .filter(container -> proxy.service().equals(container.service()) && container.running())
            .map(ContainerInfo::name).findFirst()
            .orElseThrow(() -> RollbackException.refused("proxy.service " + proxy.service() + " has no running container in"
                + " compose project " + project + "; start it, or name the proxy's container with proxy.container"));
    }

    private BlueGreenInputs.Settings settings(Config config, String proxyContainer) {
        int offset = portOffset != null ? portOffset : config.blueGreen().portOffset();
        if (offset < 1 || offset > MAX_OFFSET) {
            throw RollbackException.usage("--port-offset must be between 1 and " + MAX_OFFSET + ", got " + offset);
        }
        return new BlueGreenInputs.Settings(offset, drain(config), config.blueGreen().healthPath(), !noPull,
            config.stateDirPath().resolve("blue-green"), proxyContainer, config.docker().helperImage());
    }

    private Duration drain(Config config) {
        if (drain == null) {
            return config.blueGreen().drain();
        }
        try {
            return DurationText.parse(drain);
        } catch (IllegalArgumentException e) {
            throw RollbackException.usage("--drain: " + e.getMessage());
        }
    }

    private BlueGreenInputs.Tools tools(Session session) {
        Config config = session.config();
        return new BlueGreenInputs.Tools(session.docker(), session.networks(), session.compose(),
            project -> app.adapters().compose(config, project), session.proxy(), session.httpChecks(), session.healthGate(),
            new BackupStore(config.backupsDir(), app.clock()), app.interruption()::requested,
            HostHttp.direct(), session.platform().blueGreen(session.networks()));
    }

    /** Opened once, on first use (the check phase), and shared by the steps that read REV. */
    private static Supplier<GitCheckout> git(Path workdir) {
        GitCheckout[] opened = new GitCheckout[1];
        return () -> {
            if (opened[0] == null) {
                opened[0] = GitCheckout.around(workdir);
            }
            return opened[0];
        };
    }

    /** The commands and the green file in full, one per line; the rest as key: value lines. */
    @Override
    protected void printResult(Report report, PrintWriter out) {
        report.result().forEach((key, value) -> {
            if ("greenFile".equals(key)) {
                out.println("green compose file:");
                value.toString().lines().forEach(line -> out.println("  | " + line));
            } else if ("commands".equals(key) && value instanceof java.util.List<?> commands) {
                out.println("commands:");
                commands.forEach(command -> out.println("  $ " + command));
            } else {
                out.println(key + ": " + value);
            }
        });
    }
}
