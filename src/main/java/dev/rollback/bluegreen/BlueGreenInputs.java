package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.ComposeProject;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.Networks;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.proxy.Proxy;
import dev.rollback.backup.BackupStore;
import dev.rollback.gate.HealthGate;
import dev.rollback.release.Ledger;
import dev.rollback.release.RollbackTarget;
import dev.rollback.workdir.GitCheckout;
import dev.rollback.workdir.StackFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/** Everything a blue-green plan is built from. */
public record BlueGreenInputs(Stack stack, Settings settings, Tools tools) {

    /**
     * The stack and where it goes.
     *
     * @param name             blue's compose project; green is {@code <name>-green}
     * @param files            the compose file and env file in the workdir
     * @param projectDirectory the directory compose resolves the file's relative paths against
     * @param wanted           {@code --to} as the operator wrote it: a git revision, a release id, or
     *                         null for the previous release in the ledger ({@link RollbackTarget})
     * @param ledger           the release ledger, for release targets
     */
    public record Stack(String name, StackFiles files, Path projectDirectory, Supplier<GitCheckout> git,
                        String wanted, Ledger ledger, List<String> appServices, List<String> statefulServices) {
        public Stack {
            appServices = List.copyOf(appServices);
            statefulServices = List.copyOf(statefulServices);
        }

        String greenProject() {
            return name + "-green";
        }

        /** The primary's stack files as its platform's tool applies them. */
        ComposeProject primaryFiles() {
            String env = files.envFile();
            return new ComposeProject(name, files.workdir(), List.of(files.workdir().resolve(files.composeFile())),
                env == null ? null : files.workdir().resolve(env), projectDirectory);
        }
    }

    /**
     * How to run it.
     *
     * @param derivedDir     where the green compose file is written ({@code <state-dir>/blue-green})
     * @param proxyContainer the proxy's container, whose network green is probed from; null when none is
     *                       named (Caddy on the host, dialing published ports)
     * @param helperImage    the image of the helper that probes from inside the proxy's network (needs wget)
     * @param pull           pull images of the revision that are missing (false: refuse instead)
     */
    public record Settings(int portOffset, Duration drain, String healthPath, boolean pull, Path derivedDir,
                           String proxyContainer, String helperImage) {
    }

    /**
     * The adapters and checks.
     *
     * @param composeFor   a compose for another project (green)
     * @param proxyChecks  the configured health checks, which go through the proxy
     * @param cancelled    true once the operator interrupted the run
     * @param hostHttp     GETs from this machine to published ports (green's, and Caddy's dials when it is on the host)
     * @param sides        how the platform reads, starts and removes the sides (compose projects, Swarm stacks)
     */
    public record Tools(Docker docker, Networks networks, Compose primary, Function<ComposeProject, Compose> composeFor,
                        Proxy proxy, List<HealthCheck> proxyChecks, HealthGate gate, BackupStore backups,
                        BooleanSupplier cancelled, HostHttp hostHttp, SidePlatform sides) {
    }
}
