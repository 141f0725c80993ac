package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.ComposeProject;
import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.HostPortBinding;
import dev.rollback.adapters.docker.Networks;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.release.RunningStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The sides as compose projects on this host, read through their containers (compose's project and
 * service labels): green is the app services of project {@code <stack>-green} ({@link GreenStack}).
 */
public final class ComposeSides implements SidePlatform {
    private final Docker docker;
    private final Networks networks;
    private final Function<String, RunningStack> running;
    private final Function<ComposeProject, Compose> composeFor;

    /** @param running a compose project as it runs, by name (the platform's {@code ComposeStack}) */
    public ComposeSides(Docker docker, Networks networks, Function<String, RunningStack> running,
                        Function<ComposeProject, Compose> composeFor) {
        this.docker = docker;
        this.networks = networks;
        this.running = running;
        this.composeFor = composeFor;
    }

    @Override
    public boolean greenIsOwnStack() {
        return false;
    }

    @Override
    public RunningStack side(String name) {
        return running.apply(name);
    }

    @Override
    public List<String> members(String name) {
        return docker.projectContainers(name).stream().map(ContainerInfo::name).toList();
    }

    @Override
    public List<String> notRunning(String name, List<String> services) {
        List<ContainerInfo> containers = docker.projectContainers(name);
        return services.stream()
            .filter(service -> containers.stream().noneMatch(c -> service.equals(c.service()) && c.running())).toList();
    }

    @Override
    public Map<String, List<HostPortBinding>> publishedPorts(String name, List<String> services) {
        Map<String, List<HostPortBinding>> bindings = new LinkedHashMap<>();
        for (ContainerInfo container : appContainers(name, services)) {
            bindings.computeIfAbsent(container.service(), s -> new ArrayList<>())
                .addAll(networks.publishedPorts(container.id()));
        }
        return bindings;
    }

    @Override
    public Map<String, String> hostNames(String name, List<String> services) {
        Map<String, String> hosts = new LinkedHashMap<>();
        services.forEach(service -> hosts.put(service, service));
        appContainers(name, services).forEach(container -> hosts.put(container.name(), container.service()));
        return hosts;
    }

    @Override
    public StackTool stackTool(ComposeProject project) {
        return composeFor.apply(project);
    }

    /** {@code compose up -d} returns once the containers started: the gate that follows waits for health. */
    @Override
    public void awaitDeployed(String name, List<String> services, Duration timeout) {
        // nothing to wait for
    }

    private List<ContainerInfo> appContainers(String name, List<String> services) {
        return docker.projectContainers(name).stream().filter(c -> services.contains(c.service())).toList();
    }
}
