package dev.rollback.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rollback.core.RollbackException;
import dev.rollback.core.config.Config;
import dev.rollback.core.config.ConfigLoader;
import dev.rollback.core.config.StackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformsTest {
    @TempDir
    Path dir;

    /** Choosing a platform connects to nothing: every adapter is asked for only when a command uses it. */
    private static final PlatformAdapters UNREACHABLE = new PlatformAdapters(unreachable(), unreachable(),
        unreachable(), unreachable(), unreachable(), unreachable());

    @Test
    void stackTargetChoosesThePlatformWithoutConnecting() throws IOException {
        for (String target : StackConfig.TARGETS) {
            assertThat(platform(target).name()).isEqualTo(target);
        }
    }

    @Test
    void composeIsTheDefaultAndCanDoEverything() throws IOException {
        Platform compose = Platforms.choose(config("stack: { name: merq }\n"), UNREACHABLE);

        assertThat(compose.name()).isEqualTo("compose");
        assertThat(compose.capabilities()).isEqualTo(EnumSet.allOf(Capability.class));
    }

    @Test
    void aMissingCapabilityIsOneRefusalNamingWhereItWorks() throws IOException {
        Platform swarm = platform("swarm");
        Platform dokploy = platform("dokploy");

        assertThat(refusal(() -> dokploy.require(Capability.RECREATE))).isEqualTo("recreate works for stack.target"
            + " compose or swarm, not dokploy; use redeploy, which updates services in place");
        assertThat(refusal(() -> dokploy.require(Capability.VOLUMES, "--volumes")))
            .isEqualTo("--volumes works for stack.target compose or swarm, not dokploy");
        assertThat(refusal(() -> dokploy.require(Capability.INFRA_REBUILD)))
            .isEqualTo("infra-rebuild works for stack.target compose or swarm, not dokploy");
    }

    @Test
    void aMethodWhoseCapabilityIsMissingGivesTheSameRefusal() throws IOException {
        Platform dokploy = platform("dokploy");
        assertThat(refusal(dokploy::stack))
            .isEqualTo("the release ledger works for stack.target compose or swarm, not dokploy");
        assertThat(refusal(() -> dokploy.appServices(List.of("backend"))))
            .isEqualTo("stopping stack.app-services works for stack.target compose or swarm, not dokploy");
        assertThat(refusal(dokploy::stackFiles))
            .isEqualTo("applying a revision's stack files works for stack.target compose or swarm, not dokploy");
    }

    @Test
    void noAppServicesNeedNoCapability() throws IOException {
        Platform dokploy = platform("dokploy");

        assertThat(dokploy.serviceChecks(List.of())).isEmpty();
        assertThat(dokploy.appServices(List.of())).isNotNull();
    }

    private Platform platform(String target) throws IOException {
        return Platforms.choose(config("stack: { name: merq, target: " + target + " }\n"), UNREACHABLE);
    }

    private static String refusal(Runnable call) {
        RollbackException refused = (RollbackException) catchThrowable(call::run);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.exitCode()).as("exit code: refused").isEqualTo(3);
        return refused.getMessage();
    }

    private Config config(String yaml) throws IOException {
        Path file = dir.resolve("rollback.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, Map.of());
    }

    private static <T> Supplier<T> unreachable() {
        return () -> {
            throw new AssertionError("no adapter may be created to choose a platform or to refuse");
        };
    }
}
