package dev.rollback.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.e2e.BlueGreenStack;
import dev.rollback.e2e.RollbackCli;
import dev.rollback.e2e.Shell;
import dev.rollback.e2e.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;

/**
 * blue-green under faults, behind a real Caddy: from the broken commit B back to A. Kill -9 at each
 * step boundary that starts from a different state (the others are folded into the boundary with the
 * same state, see {@link #FOLDED}), in the middle of await-green, and Docker gone during await-green.
 * A kill past start-green leaves green, maybe serving: the re-run takes it over (take-over-green).
 */
class BlueGreenFaultsIT extends FaultMatrixTest {
    private static final List<String> STEPS = List.of("proxy-reachable", "resolve-revision", "blue-running",
        "proxy-routes", "take-over-green", "generate-green-file", "green-images", "backup-volumes", "start-green", "await-green",
        "switch-to-green", "drain-blue", "stop-blue", "backup-config", "checkout-config", "release-images",
        "start-primary", "await-primary",
        "switch-to-primary", "drain-green", "remove-green");
    /**
     * Boundaries left out, each with the boundary whose state it shares: the steps between them only
     * read (checks, waits) or write files the covered case leaves too (the derived green file, volume
     * archives); release-images changes nothing for a git revision, the target here.
     */
    static final Map<String, String> FOLDED = Map.ofEntries(
        Map.entry("proxy-reachable", "start-green"), Map.entry("resolve-revision", "start-green"),
        Map.entry("blue-running", "start-green"), Map.entry("proxy-routes", "start-green"),
        Map.entry("take-over-green", "start-green"),
        Map.entry("generate-green-file", "start-green"), Map.entry("green-images", "start-green"),
        Map.entry("backup-volumes", "start-green"), Map.entry("await-green", "switch-to-green"),
        Map.entry("drain-blue", "stop-blue"), Map.entry("backup-config", "start-primary"),
        Map.entry("checkout-config", "start-primary"), Map.entry("release-images", "start-primary"),
        Map.entry("await-primary", "switch-to-primary"),
        Map.entry("drain-green", "remove-green"));

    private BlueGreenStack stack;

    BlueGreenFaultsIT() {
        super("blue-green", STEPS, FOLDED, "broken", "v1");
    }

    @BeforeAll
    void upStack() throws Exception {
        stack = new BlueGreenStack(dir);
        stack.deploy(stack.commitB);
        startRunner(stack);
        // What a run killed while probing leaves (seen once): an exited probe in Caddy's network namespace.
        Shell.ok(null, Map.of(), "docker", "run", "--name", "rollback-probe-" + stack.project, "--label",
            "dev.rollback.helper=probe", "--network", "container:" + stack.caddyContainer(),
            "rollback-fixture/busybox:latest", "true");
    }

    static Stream<Fault> faults() {
        return Stream.concat(killsAtBoundaries(STEPS, FOLDED),
            Stream.of(Fault.killDuring("await-green"), Fault.dockerGone("await-green", 300)));
    }

    @Override
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>(dev.rollback.e2e.GitStack.isolated());
        env.put("DB_PASSWORD", TestStack.PASSWORD);
        env.put("ROLLBACK_BLUE_GREEN_DRAIN", "500ms");
        env.put("ROLLBACK_HEALTH_TIMEOUT", "20s");
        return env;
    }

    @Override
    List<String> options() {
        return List.of("--to", stack.commitA);
    }

    @Override
    public void reset() throws Exception {
        removeGreenAndReloadCaddy();
        stack.deploy(stack.commitB);
    }

    private void removeGreenAndReloadCaddy() throws Exception {
        Shell.ok(null, Map.of(), "curl", "-sf", "-m", "10", "-X", "POST", "-H", "Content-Type: text/caddyfile",
            "--data-binary", "@" + stack.workdir.resolve("caddy/Caddyfile"), "http://127.0.0.1:" + stack.adminPort + "/load");
        for (String name : stack.containers(greenProject())) {
            Shell.run(null, Map.of(), "docker", "rm", "-f", name);
        }
        for (String network : stack.networksAndVolumes(greenProject())) {
            Shell.run(null, Map.of(), "docker", "network", "rm", network);
        }
        Files.deleteIfExists(greenFile());
    }

    private String greenProject() {
        return stack.project + "-green";
    }

    private Path greenFile() {
        return stateDir().resolve("blue-green/" + greenProject() + ".yml");
    }

    @Override
    public String served() {
        return Served.atAll(stack.url("/version").toString(), stack.url("/api/version").toString());
    }

    @Override
    public String database() {
        Shell.Result merq = Shell.run(null, Map.of(), "docker", "exec", stack.container("postgres"), "psql", "-U",
            "merq", "-d", "merq", "-tAc", "select 'merq'");
        assertThat(merq.exitCode()).as("database merq answers: " + merq.err()).isZero();
        return "database " + merq.out().strip() + " answers";
    }

    @Override
    public Set<String> wholeDatabases() {
        return Set.of("database merq answers");
    }

    @Override
    public List<String> leftovers() {
        List<String> left = new ArrayList<>(stack.containers(greenProject()));
        left.addAll(probesInCaddysNetwork());
        left.addAll(stack.networksAndVolumes(greenProject()));
        if (Files.exists(greenFile())) {
            left.add(greenFile().getFileName().toString());
        }
        return left;
    }

    private List<String> probesInCaddysNetwork() {
        String caddy = BlueGreenStack.docker("inspect", "-f", "{{.Id}}", stack.caddyContainer()).strip();
        return BlueGreenStack.docker("ps", "-aq", "--filter", "label=dev.rollback.helper=probe").lines()
            .filter(id -> !id.isBlank())
            .map(id -> BlueGreenStack.docker("inspect", "-f", "{{.Name}} {{.HostConfig.NetworkMode}}", id).strip())
            .filter(line -> line.endsWith(" container:" + caddy)).map(line -> line.split(" ")[0].substring(1)).toList();
    }
}
