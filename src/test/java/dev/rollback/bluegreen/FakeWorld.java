package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.ComposeProject;
import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.ExecResult;
import dev.rollback.adapters.docker.Networks;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthResult;
import dev.rollback.adapters.proxy.Proxy;
import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.adapters.proxy.Upstream;
import dev.rollback.core.RollbackException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory Docker host with compose projects, networks and a Caddy, enough for blue-green's
 * plan: containers come and go with compose commands, get addresses on the networks they join, and
 * answer the proxy's dials unless a test breaks them. The proxy serves whatever its routes dial.
 */
final class FakeWorld implements Networks, Proxy {
    static final String STACK = "merq";
    static final String CADDY = "merq_caddy_1";
    static final String LIVE = "{\"apps\":{\"http\":{\"servers\":{\"srv0\":{\"routes\":[{\"handle\":[{\"handler\":"
        + "\"reverse_proxy\",\"upstreams\":[{\"dial\":\"backend:80\"}]}]},{\"handle\":[{\"handler\":\"reverse_proxy\","
        + "\"upstreams\":[{\"dial\":\"web:80\"}]}]}]}}}}}";

    private final Map<String, ContainerInfo> containers = new TreeMap<>();
    private final Map<String, Map<String, String>> addresses = new TreeMap<>();
    private final AtomicInteger nextIp = new AtomicInteger(2);
    /** App service → the host port blue publishes it on (127.0.0.1); green publishes it + {@link #GREEN_OFFSET}. */
    private final Map<String, Integer> hostPorts = new TreeMap<>();
    static final int GREEN_OFFSET = 10000;
    /** Images whose containers do not answer their health path (a broken release). */
    final Set<String> brokenImages = new HashSet<>();
    /** Projects whose app does not answer through the proxy (the route works, the app behind it does not). */
    final Set<String> failingThroughProxy = new HashSet<>();
    /** compose commands that fail: "project command", e.g. "merq stop". */
    final Set<String> failingCommands = new HashSet<>();
    final List<String> commands = new ArrayList<>();
    private final Map<String, Runnable> onCommand = new LinkedHashMap<>();
    final List<ProxyRoutes> loaded = new ArrayList<>();
    /** Helper containers run in the proxy's network namespace (probes). */
    final List<String> helperRuns = new ArrayList<>();
    /** Images not on the host (every other one is), until pulled; what was pulled, in order. */
    final Set<String> missingImages = new HashSet<>();
    final List<String> pulled = new ArrayList<>();
    private ProxyRoutes current = ProxyRoutes.parse(LIVE);

    FakeWorld() {
        run(STACK, "postgres", "rollback-fixture/postgres:15");
        run(STACK, "caddy", "caddy:2");
    }

    /** Blue runs one more app service on {@code image}. */
    FakeWorld blueService(String service, String image) {
        run(STACK, service, image);
        return this;
    }

    /** Blue as a deploy left it: backend and web on {@code image}. */
    FakeWorld blue(String image) {
        run(STACK, "backend", image);
        run(STACK, "web", image);
        return this;
    }

    private void run(String project, String service, String image) {
        String name = project + "_" + service + "_1";
        containers.put(name, new ContainerInfo("id-" + name, name, project, service, image, "sha256:" + image, "running",
            "none", null, null));
        addresses.put(name, new TreeMap<>(Map.of(project + "_default", ip())));
    }

    private String ip() {
        return "10.0.0." + nextIp.getAndIncrement();
    }

    /** Runs {@code action} when the compose command "project command" is run (before it fails or works). */
    void onCommand(String command, Runnable action) {
        onCommand.put(command, action);
    }

    ProxyRoutes routes() {
        return current;
    }

    /** Caddy runs this configuration (as if its Caddyfile produced it); not counted as a load. */
    FakeWorld caddyRuns(String json) {
        current = ProxyRoutes.parse(json);
        return this;
    }

    /** The service's containers publish {@code port} on 127.0.0.1 (green's: port + {@link #GREEN_OFFSET}). */
    FakeWorld publishes(String service, int port) {
        hostPorts.put(service, port);
        return this;
    }

    private Optional<Integer> hostPort(ContainerInfo container) {
        return Optional.ofNullable(hostPorts.get(container.service()))
            .map(port -> container.project().endsWith("-green") ? port + GREEN_OFFSET : port);
    }

    /** GETs from this machine: answered by the running container publishing the URL's port on 127.0.0.1. */
    HostHttp hostHttp() {
        return (name, url) -> new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthResult probe() {
                boolean answers = byHostPort(url.getPort()).map(FakeWorld.this::answers).orElse(false);
                return answers ? HealthResult.healthy(name, "200 from " + url)
                    : HealthResult.unhealthy(name, "connection refused or not 200: " + url);
            }
        };
    }

    private Optional<ContainerInfo> byHostPort(int port) {
        return containers.values().stream().filter(c -> hostPort(c).filter(p -> p == port).isPresent()).findFirst();
    }

    List<String> names(String project) {
        return projectContainers(project).stream().map(ContainerInfo::name).toList();
    }

    /** A compose for a project; the file's images are read as "service → image" from {@code images}. */
    Compose compose(ComposeProject project, Map<String, String> images) {
        return new FakeCompose(project.name(), images);
    }

    /** The health checks that go through the proxy: healthy when the app the routes dial answers. */
    HealthCheck throughProxy() {
        return new HealthCheck() {
            @Override
            public String name() {
                return "http:through-caddy";
            }

            @Override
            public HealthResult probe() {
                for (String dial : current.dials()) {
                    Optional<ContainerInfo> target = resolveDial(dial);
                    if (target.isEmpty() || !answers(target.get()) || failingThroughProxy.contains(target.get().project())) {
                        return HealthResult.unhealthy(name(), "502 for " + dial);
                    }
                }
                return HealthResult.healthy(name(), "200");
            }
        };
    }

    /**
     * A dial: on this host's loopback, the container publishing its port; else by its host. Dials
     * of nothing in this world (a metrics exporter on the host) answer for themselves: ignored.
     */
    private Optional<ContainerInfo> resolveDial(String dial) {
        ProxyRoutes.HostPort hp = ProxyRoutes.HostPort.parse(dial).orElseThrow();
        if (Set.of("127.0.0.1", "localhost", "::1").contains(hp.host())) {
            boolean appPort = hostPorts.containsValue(hp.port()) || hostPorts.containsValue(hp.port() - GREEN_OFFSET);
            return byHostPort(hp.port()).or(() -> appPort ? Optional.empty() : Optional.of(EXTERNAL));
        }
        return resolve(hp.host());
    }

    /** Something on the host this world does not model (it always answers). */
    private static final ContainerInfo EXTERNAL = new ContainerInfo("external", "external", "", "", "", "", "running",
        "none", null, null);

    /** A dial host: a green address, or a service name (Docker DNS: blue's project). */
    private Optional<ContainerInfo> resolve(String host) {
        for (Map.Entry<String, Map<String, String>> entry : addresses.entrySet()) {
            if (entry.getValue().containsValue(host)) {
                return Optional.ofNullable(containers.get(entry.getKey()));
            }
        }
        return Optional.ofNullable(containers.get(STACK + "_" + host + "_1"));
    }

    private boolean answers(ContainerInfo container) {
        return container.running() && !brokenImages.contains(container.image());
    }

    // --- Docker: what blue-green asks of it; anything else fails the test

    /** The Docker host: containers by project and name; every image but {@link #missingImages} is present. */
    Docker docker() {
        return (Docker) java.lang.reflect.Proxy.newProxyInstance(Docker.class.getClassLoader(), new Class<?>[] {Docker.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "ping" -> null;
                case "endpoint" -> "fake://docker";
                case "projectContainers" -> projectContainers((String) args[0]);
                case "projectServiceContainers" -> projectContainers((String) args[0]).stream()
                    .filter(c -> args[1].equals(c.service())).toList();
                case "container" -> container((String) args[0]);
                case "imageId" -> missingImages.contains((String) args[0]) ? Optional.empty()
                    : Optional.of("sha256:" + args[0]);
                case "pull" -> {
                    pulled.add((String) args[0]);
                    missingImages.remove((String) args[0]);
                    yield null;
                }
                case "logTail" -> List.of();
                default -> throw new UnsupportedOperationException(method.getName());
            });
    }

    List<ContainerInfo> projectContainers(String project) {
        return containers.values().stream().filter(c -> project.equals(c.project())).toList();
    }

    Optional<ContainerInfo> container(String nameOrId) {
        return containers.values().stream().filter(c -> c.name().equals(nameOrId) || c.id().equals(nameOrId)).findFirst();
    }

    // --- Networks

    @Override
    public void connect(String network, String container, List<String> aliases) {
        ContainerInfo info = container(container).orElseThrow();
        addresses.get(info.name()).putIfAbsent(network, info.running() ? ip() : "");
    }

    @Override
    public Map<String, String> addresses(String container) {
        return Map.copyOf(addresses.get(container(container).orElseThrow().name()));
    }

    @Override
    public List<dev.rollback.adapters.docker.HostPortBinding> publishedPorts(String container) {
        ContainerInfo info = container(container).orElseThrow();
        return hostPort(info).map(port -> List.of(new dev.rollback.adapters.docker.HostPortBinding("127.0.0.1", port, 80,
            "tcp"))).orElse(List.of());
    }

    @Override
    public ExecResult runInNetworkOf(String container, String image, List<String> command, Duration timeout) {
        if (missingImages.contains(image)) {
            throw new IllegalStateException("no such image: " + image);
        }
        helperRuns.add(command.get(command.size() - 1));
        String host = URI.create(command.get(command.size() - 1)).getHost();
        boolean answers = resolve(host).map(this::answers).orElse(false);
        return new ExecResult(answers ? 0 : 1, answers ? "" : "wget: server returned error: HTTP/1.1 404 Not Found", "");
    }

    // --- Proxy

    @Override
    public String adminUrl() {
        return "http://127.0.0.1:2019";
    }

    @Override
    public void requireReachable() {
    }

    @Override
    public ProxyRoutes current() {
        return current;
    }

    @Override
    public void load(ProxyRoutes routes) {
        loaded.add(routes);
        current = routes;
    }

    @Override
    public List<Upstream> upstreams() {
        return current.dials().stream().map(dial -> new Upstream(dial, 0, 0)).toList();
    }

    /** Compose commands on one project, changing the containers as compose would. */
    private final class FakeCompose implements Compose {
        private final String project;
        private final Map<String, String> images;

        FakeCompose(String project, Map<String, String> images) {
            this.project = project;
            this.images = images;
        }

        private void command(String name, List<String> services) {
            commands.add(project + " " + name + " " + String.join(" ", services));
            onCommand.getOrDefault(project + " " + name, () -> { }).run();
            if (failingCommands.contains(project + " " + name)) {
                throw RollbackException.failed("docker-compose " + name + " failed for project " + project);
            }
        }

        @Override
        public String implementation() {
            return "docker-compose";
        }

        @Override
        public void create() {
            throw new UnsupportedOperationException("blue-green creates only the services it names");
        }

        @Override
        public List<String> volumes() {
            return List.of();
        }

        @Override
        public void create(List<String> services) {
            command("create", services);
            for (String service : services) {
                String name = project + "_" + service + "_1";
                containers.put(name, new ContainerInfo("id-" + name, name, project, service, images.get(service),
                    "sha256:" + images.get(service), "created", "none", null, null));
                addresses.put(name, new TreeMap<>(Map.of(project + "_default", "")));
            }
        }

        @Override
        public void up(List<String> services, UpOptions options) {
            command("up", services);
            for (String service : services) {
                String name = project + "_" + service + "_1";
                ContainerInfo old = containers.get(name);
                if (old == null || !images.get(service).equals(old.image())) {
                    run(project, service, images.get(service));
                } else {
                    containers.put(name, withState(old, "running"));
                    addresses.get(name).replaceAll((network, ip) -> ip.isEmpty() ? ip() : ip);
                }
            }
        }

        @Override
        public void stop(List<String> services) {
            command("stop", services);
            services.forEach(service -> containers.computeIfPresent(project + "_" + service + "_1",
                (name, c) -> withState(c, "exited")));
        }

        @Override
        public void down() {
            command("down", List.of());
            containers.values().removeIf(c -> c.project().equals(project));
            addresses.keySet().removeIf(name -> !containers.containsKey(name));
        }

        @Override
        public Map<String, String> images() {
            return new LinkedHashMap<>(images);
        }

        @Override
        public String commandLine(List<String> args) {
            return "docker-compose -p " + project + " " + String.join(" ", args);
        }

        @Override
        public void start(List<String> services) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> services() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String config() {
            throw new UnsupportedOperationException();
        }
    }

    private static ContainerInfo withState(ContainerInfo c, String state) {
        return new ContainerInfo(c.id(), c.name(), c.project(), c.service(), c.image(), c.imageId(), state, c.health(),
            null, c.configHash());
    }
}
