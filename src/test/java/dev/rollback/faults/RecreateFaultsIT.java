package dev.rollback.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.e2e.Shell;
import dev.rollback.e2e.VersionedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;

/**
 * recreate under faults: from a broken commit back to the v1 commit (with a volume archive), kill -9
 * at every step boundary and in the middle of the health gate, and Docker gone during the gate.
 * The fixture stack has no database: recreate's database fault is the stateful service's data, which
 * is a volume here (its archive is checked by the volume invariants of RecreateE2EIT).
 */
class RecreateFaultsIT extends FaultMatrixTest {
    private static final List<String> STEPS = List.of("choose-target", "backup-config", "backup-volumes",
        "checkout-config", "prepare-images", "update-stack", "health-gate", "running:backend",
        "healthy:backend", "logs:backend", "http:api");

    /**
     * Boundaries with the same state as the one they map to ({@link FaultMatrixTest}): choose-target,
     * prepare-images (a revision whose images are here), the gate and the verify checks only read or wait.
     */
    private static final Map<String, String> FOLDED = Map.of("choose-target", "backup-config",
        "prepare-images", "update-stack", "health-gate", "running:backend", "healthy:backend", "running:backend",
        "logs:backend", "running:backend", "http:api", "running:backend");

    private VersionedStack stack;
    private String good;

    RecreateFaultsIT() {
        super("recreate", STEPS, FOLDED, "broken", "v1");
    }

    @BeforeAll
    void upStack() throws Exception {
        stack = new VersionedStack(dir);
        stack.writeConfig("");
        good = stack.commit("v1", "deploy v1");
        stack.commit("broken", "deploy broken");
        stack.up();
        startRunner(stack);
    }

    static Stream<Fault> faults() {
        return Stream.concat(killsAtBoundaries(STEPS, FOLDED), Stream.of(
            Fault.killDuring("health-gate"),
            Fault.dockerGone("health-gate", 300)));
    }

    @Override
    public Map<String, String> env() {
        return Map.of();
    }

    @Override
    List<String> options() {
        return List.of("--to", good);
    }

    @Override
    public void reset() throws Exception {
        stack.git("checkout", "HEAD", "--", "docker-compose.yml");
        try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
            for (Path file : files.toList()) {
                Shell.ok(null, Map.of(), "rm", "-rf", file.toString());
            }
        }
        stack.up();
    }

    @Override
    public String served() {
        String version = stack.version();
        return version.startsWith("HTTP") || version.startsWith("down") ? "down: " + version : version;
    }

    @Override
    public List<String> leftovers() {
        List<String> left = new ArrayList<>(Shell.run(null, Map.of(), "docker", "ps", "-a", "--format", "{{.Names}}",
            "--filter", "label=dev.rollback.helper.volume=" + stack.project + "_data").out().lines()
            .filter(l -> !l.isBlank()).toList());
        return left;
    }
}
