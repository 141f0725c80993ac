package dev.rollback.adapters.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Networks} over the Engine API with docker-java; errors translated by {@link DockerErrors}. */
final class DockerNetworks implements Networks {
    private static final Logger LOG = LoggerFactory.getLogger(DockerNetworks.class);
    static final String HELPER_LABEL = "dev.rollback.helper";
    /** On a probe: the container whose network namespace it shares, so a leftover can be traced. */
    static final String NETWORK_OF_LABEL = "dev.rollback.network-of";
    private static final int OUTPUT_LINES = 5;

    private final DockerClient client;
    private final DockerErrors errors;
    private final Docker docker;

    DockerNetworks(DockerClient client, DockerErrors errors, Docker docker) {
        this.client = client;
        this.errors = errors;
        this.docker = docker;
    }




    @Override
    public void connect(String network, String container, List<String> aliases) {
        if (addresses(container).containsKey(network)) {
            return;
        }
        LOG.info("attaching container {} to network {}{}", container, network,
            aliases.isEmpty() ? "" : " as " + String.join(", ", aliases));
        errors.call("attach", "container " + container + " to network " + network, () ->
            client.connectToNetworkCmd().withNetworkId(network).withContainerId(container)
                .withContainerNetwork(new ContainerNetwork().withAliases(aliases)).exec());
    }


    @Override
    public Map<String, String> addresses(String container) {
        InspectContainerResponse inspect = inspect(container)
            .orElseThrow(() -> errors.notFound("container " + container, null));
        return networksOf(inspect);
    }

    @Override
    public List<HostPortBinding> publishedPorts(String container) {
        InspectContainerResponse inspect = inspect(container)
            .orElseThrow(() -> errors.notFound("container " + container, null));
        List<HostPortBinding> bindings = new ArrayList<>();
        Ports configured = inspect.getHostConfig() == null ? null : inspect.getHostConfig().getPortBindings();
        addBindings(configured, bindings);
        if (inspect.getNetworkSettings() != null) {
            // Ports Docker chose (no host port in the file) are known only from the running container.
            List<HostPortBinding> live = new ArrayList<>();
            addBindings(inspect.getNetworkSettings().getPorts(), live);
            live.stream().filter(binding -> !bindings.contains(binding)).forEach(bindings::add);
        }
        return bindings;
    }

    private static void addBindings(Ports ports, List<HostPortBinding> into) {
        if (ports == null || ports.getBindings() == null) {
            return;
        }
        ports.getBindings().forEach((exposed, bindings) -> {
            for (Ports.Binding binding : bindings == null ? new Ports.Binding[0] : bindings) {
                String spec = binding.getHostPortSpec();
                if (spec == null || spec.isBlank()) {
                    continue;
                }
                for (int port : range(spec)) {
                    into.add(new HostPortBinding(binding.getHostIp(), port, exposed.getPort(),
                        exposed.getProtocol() == null ? "tcp" : exposed.getProtocol().toString()));
                }
            }
        });
    }

    /** "8080" or "8080-8081" (a binding of a range); anything else is no port. */
    private static List<Integer> range(String spec) {
        try {
            String[] bounds = spec.strip().split("-", 2);
            int first = Integer.parseInt(bounds[0]);
            int last = bounds.length == 2 ? Integer.parseInt(bounds[1]) : first;
            return java.util.stream.IntStream.rangeClosed(first, Math.min(last, first + 1000)).boxed().toList();
        } catch (NumberFormatException e) {
            return List.of();
        }
    }

    private Optional<InspectContainerResponse> inspect(String container) {
        return errors.call("inspect", "container " + container, () -> {
            try {
                return Optional.of(client.inspectContainerCmd(container).exec());
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private static Map<String, String> networksOf(InspectContainerResponse inspect) {
        Map<String, String> addresses = new TreeMap<>();
        if (inspect.getNetworkSettings() != null && inspect.getNetworkSettings().getNetworks() != null) {
            inspect.getNetworkSettings().getNetworks().forEach((name, settings) ->
                addresses.put(name, settings.getIpAddress() == null ? "" : settings.getIpAddress()));
        }
        return addresses;
    }

    @Override
    public ExecResult runInNetworkOf(String container, String image, List<String> command, Duration timeout) {
        removeProbesLeftIn(container);
        String name = "rollback-probe-" + UUID.randomUUID().toString().substring(0, 8);
        LOG.debug("running {} in the network of {} as {}", String.join(" ", command), container, name);
        String id = errors.call("create helper container from", "image " + image, () ->
            client.createContainerCmd(image).withName(name).withCmd(command)
                .withLabels(Map.of(HELPER_LABEL, "probe", NETWORK_OF_LABEL, container))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + container))
                .exec().getId());
        HelperSweep.created(id, () -> removeQuietly(id, name));
        try {
            return errors.call("run helper container in the network of", "container " + container, () -> {
                client.startContainerCmd(id).exec();
                Integer status = awaitExit(id, timeout);
                String output = String.join("\n", docker.logTail(id, OUTPUT_LINES));
                return new ExecResult(status, output, "");
            });
        } finally {
            HelperSweep.remove(id);
        }
    }

    /**
     * A run killed while its probe ran leaves the probe behind (it is removed after it exits). The run
     * lock says no other run probes this container now, so the finished ones are removed, and named.
     */
    private void removeProbesLeftIn(String container) {
        Optional<String> target = inspect(container).map(InspectContainerResponse::getId);
        if (target.isEmpty()) {
            return;
        }
        errors.call("list helper containers in the network of", "container " + container, () ->
            client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(HELPER_LABEL, "probe"))
                .withStatusFilter(List.of("created", "exited", "dead")).exec())
            .stream().filter(probe -> probe.getHostConfig() != null
                && ("container:" + target.get()).equals(probe.getHostConfig().getNetworkMode()))
            .forEach(probe -> {
                String name = probe.getNames().length > 0 ? probe.getNames()[0].replaceFirst("^/", "") : probe.getId();
                LOG.warn("removing helper container {}, a probe left by a run that was killed", name);
                removeQuietly(probe.getId(), name);
            });
    }

    private Integer awaitExit(String id, Duration timeout) {
        try {
            return client.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                .awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (DockerClientException e) {
            throw RollbackException.failed("helper container did not finish within " + timeout.toSeconds() + "s");
        }
    }

    private void removeQuietly(String id, String name) {
        try {
            client.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
            LOG.warn("could not remove helper container {}: {}", name, DockerErrors.oneLine(e));
        }
    }
}
