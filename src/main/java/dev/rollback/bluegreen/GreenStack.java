package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.ComposeProject;
import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.core.PrivateFiles;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The green copy: compose project {@code <stack>-green} from the derived file, its app services
 * only. Before they start, green's containers also join blue's networks, without aliases: there
 * they reach what blue's app reaches (the shared stateful services, by name) and the proxy reaches
 * them, by address, as it reaches blue. Nothing that runs is touched:
 * <ul>
 *   <li>attaching the proxy to green's network would make Docker's DNS answer green's address for
 *       {@code backend} (networks are searched in name order, and {@code merq-green_default} sorts
 *       before {@code merq_default}): live traffic would reach green before it is verified;
 *   <li>attaching a running container (the proxy, the database) to a network whose name sorts first
 *       moves its gateway there, and Docker re-maps its published ports: connections to them are
 *       refused for a moment (measured: 9 failed requests through Caddy at the attach, 5 at the detach).
 * </ul>
 * Where green is a stack of its own ({@link SidePlatform#greenIsOwnStack}, Swarm) it is deployed and
 * removed whole by the platform's tool; its derived file already puts it on blue's networks.
 */
final class GreenStack {
    private static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");

    private final BlueGreenInputs in;
    private final BlueGreenRun run;

    GreenStack(BlueGreenInputs in, BlueGreenRun run) {
        this.in = in;
        this.run = run;
    }

    String project() {
        return in.stack().greenProject();
    }

    Compose compose(Path file) {
        return in.tools().composeFor().apply(new ComposeProject(project(), in.stack().files().workdir(), List.of(file),
            envFile(), in.stack().projectDirectory()));
    }

    /** Green as a stack of its own, deployed and removed whole by the platform's tool ({@link SidePlatform#greenIsOwnStack}). */
    private StackTool ownStack(Path file) {
        return in.tools().sides().stackTool(new ComposeProject(project(), in.stack().files().workdir(), List.of(file),
            envFile(), in.stack().projectDirectory()));
    }

    private boolean isOwnStack() {
        return in.tools().sides().greenIsOwnStack();
    }

    private Path envFile() {
        String env = in.stack().files().envFile();
        return env == null ? null : in.stack().files().workdir().resolve(env);
    }

    /** The commands {@link #start} runs, for the plan. */
    List<String> startCommands(Path file) {
        if (isOwnStack()) {
            return List.of(ownStack(file).implementation() + " deploy --prune --resolve-image never --with-registry-auth -c "
                + file + " " + project());
        }
        Compose compose = compose(file);
        List<String> apps = in.stack().appServices();
        return List.of(
            compose.commandLine(concat(List.of("up", "--no-start", "--no-build", "--no-deps"), apps)),
            "docker network connect <each network of blue's " + String.join(", ", apps) + "> <each container of "
                + project() + "> (no aliases)",
            compose.commandLine(concat(List.of("up", "-d", "--no-build", "--no-deps"), apps)));
    }

    /** The commands {@link #remove} runs, for the plan. */
    List<String> removeCommands(Path file) {
        String down = isOwnStack() ? ownStack(file).implementation() + " rm " + project()
            : compose(file).commandLine(List.of("down"));
        return List.of(down, "rm " + file);
    }

    /**
     * Creates green's containers, attaches them to blue's networks, starts them and records the
     * address the proxy will dial for each. On a failure removes what it made, then throws.
     */
    void start(StepContext context) {
        try {
            if (isOwnStack()) {
                ownStack(run.greenFilePath).deploy();
                context.detail("deployed", project());
                return;
            }
            Compose compose = compose(run.greenFilePath);
            List<String> apps = in.stack().appServices();
            compose.create(apps);
            Set<String> blueNetworks = blueNetworks();
            for (ContainerInfo container : greenContainers()) {
                for (String network : blueNetworks) {
                    in.tools().networks().connect(network, container.id(), List.of());
                }
            }
            compose.up(apps, new Compose.UpOptions(false, true));
            if (run.topology.dialsGreenByAddress()) {
                recordAddresses();
            }
            context.detail("joined", List.copyOf(blueNetworks)).detail("addresses", run.greenAddresses);
        } catch (RuntimeException e) {
            context.detail("removedAfterFailure", removeQuietly(context));
            throw e;
        }
    }

    /** Per app service, green's addresses on a network the proxy is on. */
    private void recordAddresses() {
        Set<String> proxyNetworks = in.tools().networks().addresses(in.settings().proxyContainer()).keySet();
        for (ContainerInfo container : greenContainers()) {
            Map<String, String> addresses = in.tools().networks().addresses(container.id());
            String address = addresses.entrySet().stream()
                .filter(e -> proxyNetworks.contains(e.getKey()) && !e.getValue().isEmpty())
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> RollbackException.failed("green container " + container.name() + " shares no network"
                    + " with the proxy " + in.settings().proxyContainer() + " (its networks: " + addresses.keySet() + ")"));
            run.greenAddresses.computeIfAbsent(container.service(), s -> new ArrayList<>()).add(address);
        }
    }

    List<ContainerInfo> greenContainers() {
        return in.tools().docker().projectContainers(project()).stream()
            .filter(c -> in.stack().appServices().contains(c.service())).toList();
    }

    /** The user-defined networks blue's app containers are on. */
    private Set<String> blueNetworks() {
        Set<String> networks = new LinkedHashSet<>();
        in.tools().docker().projectContainers(in.stack().name()).stream()
            .filter(c -> in.stack().appServices().contains(c.service()))
            .forEach(c -> networks.addAll(in.tools().networks().addresses(c.id()).keySet()));
        networks.removeAll(PREDEFINED);
        return networks;
    }

    /** Removes the green project (its containers leave blue's networks with it) and the derived file. */
    void remove(StepContext context) {
        List<String> failures = removeQuietly(context);
        if (!failures.isEmpty()) {
            throw RollbackException.failed("could not remove all of " + project() + ": " + String.join("; ", failures));
        }
    }

    /**
     * Removes a green an interrupted run left, through its derived file; should that be gone, through
     * this run's (the same project and services; compose's --remove-orphans takes what it lacks).
     */
    void removeLeft(StepContext context) {
        Path file = run.greenFilePath;
        if (!Files.isRegularFile(file)) {
            try {
                PrivateFiles.replace(file, run.greenFile.yaml().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw RollbackException.failed("cannot write " + file + " to remove " + project() + ": " + e.getMessage());
            }
        }
        remove(context);
    }

    private List<String> removeQuietly(StepContext context) {
        List<String> failures = new ArrayList<>();
        Path file = run.greenFilePath;
        if (file != null && Files.isRegularFile(file)) {
            attempt(failures, () -> (isOwnStack() ? ownStack(file) : compose(file)).down());
            attempt(failures, () -> deleteFile(file));
        }
        context.progress("    removed " + project() + (failures.isEmpty() ? "" : " (with " + failures.size() + " failures)"));
        return failures;
    }

    private static void deleteFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw RollbackException.failed("cannot delete " + file + ": " + e.getMessage());
        }
    }

    private static void attempt(List<String> failures, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            failures.add(e.getMessage());
        }
    }

    static List<String> concat(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }
}
