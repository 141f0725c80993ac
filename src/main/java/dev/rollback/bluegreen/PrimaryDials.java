package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.HostPortBinding;
import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.adapters.proxy.ProxyRoutes.HostPort;
import dev.rollback.core.RollbackException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The dials of a Caddy configuration that reach the primary project's app services, found the two
 * ways Caddy reaches them: by name (a service name, or blue's container name) and by a port blue's
 * app containers publish on this host, dialed on a loopback name ({@code 127.0.0.1}, {@code localhost},
 * {@code ::1}) or on the host IP the port is bound to. The published ports are Docker's record of
 * blue's containers, running or stopped, not the compose file: they are what Caddy reaches now.
 * From them {@link #topology} decides how blue-green switches (see {@link ProxyTopology}).
 */
final class PrimaryDials {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    private final List<AppDial> byName = new ArrayList<>();
    private final List<AppDial> byPort = new ArrayList<>();
    /** Dials of this host's ports that no app service publishes: left alone, named in messages. */
    private final List<String> otherHostPorts = new ArrayList<>();
    /** Service → the ports it publishes, for messages: {@code backend → [127.0.0.1:18341]}. */
    private final Map<String, List<String>> published = new TreeMap<>();
    private final List<String> dials;

    private PrimaryDials(List<String> dials) {
        this.dials = dials;
    }

    /** The app dials of {@code routes}, against the primary project as Docker has it now. */
    static PrimaryDials find(BlueGreenInputs in, ProxyRoutes routes) {
        Map<String, String> hosts = ProxyRoutesStep.appHosts(in);
        return of(routes, hosts, in.tools().sides().publishedPorts(in.stack().name(), in.stack().appServices()));
    }

    /**
     * @param hosts    host names that stand for an app service → the service
     * @param bindings app service → the host ports its containers publish
     */
    static PrimaryDials of(ProxyRoutes routes, Map<String, String> hosts, Map<String, List<HostPortBinding>> bindings) {
        PrimaryDials found = new PrimaryDials(routes.dials());
        bindings.forEach((service, ports) -> found.published.put(service, ports.stream().filter(HostPortBinding::tcp)
            .map(port -> new HostPort(port.anyInterface() ? "0.0.0.0" : port.hostIp(), port.hostPort()).toString())
            .distinct().toList()));
        for (String dial : routes.dials()) {
            Optional<HostPort> parsed = HostPort.parse(dial);
            if (parsed.isEmpty()) {
                continue;
            }
            HostPort hp = parsed.get();
            if (hosts.containsKey(hp.host())) {
                found.byName.add(new AppDial(dial, hp.host(), hp.port(), hosts.get(hp.host())));
                continue;
            }
            Optional<String> publisher = publisher(hp, bindings);
            if (publisher.isPresent()) {
                found.byPort.add(new AppDial(dial, hp.host(), hp.port(), publisher.get()));
            } else if (onThisHost(hp.host(), bindings)) {
                found.otherHostPorts.add(dial);
            }
        }
        return found;
    }

    /** The app service publishing the dialed port on the dialed address, if one does. */
    private static Optional<String> publisher(HostPort dial, Map<String, List<HostPortBinding>> bindings) {
        for (Map.Entry<String, List<HostPortBinding>> service : bindings.entrySet()) {
            for (HostPortBinding binding : service.getValue()) {
                if (binding.tcp() && binding.hostPort() == dial.port() && reaches(dial.host(), binding)) {
                    return Optional.of(service.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** A loopback dial reaches a port bound to all interfaces or to loopback; another IP, a port bound to it. */
    private static boolean reaches(String host, HostPortBinding binding) {
        if (LOOPBACK.contains(host)) {
            return binding.anyInterface() || LOOPBACK.contains(binding.hostIp()) || binding.hostIp().startsWith("127.");
        }
        return host.equals(binding.hostIp());
    }

    private static boolean onThisHost(String host, Map<String, List<HostPortBinding>> bindings) {
        return LOOPBACK.contains(host) || bindings.values().stream().flatMap(List::stream)
            .anyMatch(binding -> host.equals(binding.hostIp()));
    }

    /** Whether the configuration dials the primary at all (by name or by published port). */
    boolean any() {
        return !byName.isEmpty() || !byPort.isEmpty();
    }

    /** Dials of this host's ports that reach no app service: left as they are by the switch. */
    List<String> otherHostPorts() {
        return List.copyOf(otherHostPorts);
    }

    /**
     * How Caddy reaches the app services. Refused (exit 3) when it reaches none of them, or reaches
     * some by name and some by published port: one switch cannot do both.
     */
    ProxyTopology topology(List<String> appServices, int offset) {
        if (!byName.isEmpty() && !byPort.isEmpty()) {
            throw RollbackException.refused("Caddy dials app services both by name (" + names(byName) + ") and by"
                + " published host port (" + names(byPort) + "); blue-green switches one kind: make the Caddyfile dial"
                + " the app services one way");
        }
        if (!byPort.isEmpty()) {
            return new HostPorts(byPort, offset);
        }
        if (!byName.isEmpty()) {
            return new ContainerNetwork(byName);
        }
        if (!otherHostPorts.isEmpty()) {
            throw RollbackException.refused("Caddy dials " + otherHostPorts + " on this host, but no app service ("
                + String.join(", ", appServices) + ") publishes " + (otherHostPorts.size() == 1 ? "that port" : "those ports")
                + " (they publish " + publishedText() + "). Nothing to switch");
        }
        throw RollbackException.refused("Caddy routes to none of the app services (" + String.join(", ", appServices)
            + "); it dials " + dials + ". Nothing to switch");
    }

    private String publishedText() {
        String text = published.entrySet().stream().filter(e -> !e.getValue().isEmpty())
            .map(e -> e.getKey() + " " + String.join(", ", e.getValue())).collect(Collectors.joining("; "));
        return text.isEmpty() ? "no host port" : text;
    }

    private static String names(List<AppDial> dials) {
        return dials.stream().map(AppDial::dial).distinct().collect(Collectors.joining(", "));
    }
}
