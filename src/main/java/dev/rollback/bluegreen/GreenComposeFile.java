package dev.rollback.bluegreen;

import dev.rollback.core.RollbackException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The compose file the green copy runs: the target revision's file, changed only where two copies
 * of the app services could not run side by side or must not diverge:
 * <ul>
 *   <li>the app services' published host ports are shifted by the offset (compose concatenates
 *       {@code ports} from override files, so an override cannot move a port: a derived file can);
 *   <li>{@code container_name} is removed from the app services (the names are taken by blue);
 *   <li>top-level named volumes become {@code external}, named as blue's ({@code <stack>_<vol>}
 *       unless they have a {@code name:}), so green shares the data and never copies it;
 *   <li>external networks are removed from the app services: on a network the proxy shares with
 *       blue, green's service-name aliases would take blue's traffic before green is verified.
 * </ul>
 * Variables ({@code ${DB_PASSWORD}}) are left as they are: compose resolves them when it runs the
 * file, so no secret is ever written. Anchors and merge keys are resolved.
 */
public final class GreenComposeFile {
    private static final int MAX_ALIASES = 50;

    private final String yaml;
    private final String shown;
    private final List<PublishedPort> ports;
    private final List<String> changes;

    private GreenComposeFile(String yaml, String shown, List<PublishedPort> ports, List<String> changes) {
        this.yaml = yaml;
        this.shown = shown;
        this.ports = List.copyOf(ports);
        this.changes = List.copyOf(changes);
    }

    /**
     * @param compose     the compose file at the target revision
     * @param stack       blue's project name, for the volume names
     * @param appServices the services started in green
     * @param offset      added to every published host port of the app services
     */
    public static GreenComposeFile derive(byte[] compose, String stack, List<String> appServices, int offset) {
        return derive(compose, stack, appServices, offset, Map.of());
    }

    /**
     * As {@link #derive(byte[], String, List, int)}, with some app services' images replaced.
     *
     * @param images service → the image reference green runs instead of the file's (a release's protective tag)
     */
    public static GreenComposeFile derive(byte[] compose, String stack, List<String> appServices, int offset,
                                          Map<String, String> images) {
        return derive(compose, stack, appServices, offset, images, false);
    }

    /**
     * As {@link #derive(byte[], String, List, int, Map)}; with {@code ownStack} for a green deployed
     * whole as a stack of its own ({@code docker stack deploy}, which has no "only these services"):
     * the file keeps only the app services, and the networks they use become external, named as
     * blue's ({@code <stack>_<net>}, or their {@code name:}), so green reaches the stateful services
     * by name as blue does. Swarm gives a service its short name as an alias on every network it
     * joins: on blue's networks a lookup of {@code backend} may then answer green's too.
     */
    public static GreenComposeFile derive(byte[] compose, String stack, List<String> appServices, int offset,
                                          Map<String, String> images, boolean ownStack) {
        Map<String, Object> file = load(compose);
        List<PublishedPort> ports = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        Map<String, Object> services = mapAt(file, "services", "the file");
        Map<String, Object> networks = file.get("networks") instanceof Map<?, ?> ? mapAt(file, "networks", "the file") : Map.of();
        for (String name : appServices) {
            if (!(services.get(name) instanceof Map<?, ?>)) {
                throw RollbackException.refused("app service " + name + " is not in the compose file at the target revision");
            }
            Map<String, Object> service = mapAt(services, name, "services");
            new GreenService(name, service, offset, changes).apply(ports, networks);
            if (images.containsKey(name)) {
                service.put("image", images.get(name));
                changes.add(name + ": image " + images.get(name) + " (the release's)");
            }
        }
        shareVolumes(file, stack, changes);
        if (ownStack) {
            keepOnly(services, appServices, changes);
            joinBluesNetworks(file, services, stack, changes);
        }
        return new GreenComposeFile(dump(file), dump(SecretMask.masked(file)), ports, changes);
    }

    /** The file's text, to be written as {@code <state-dir>/blue-green/<stack>-green.yml}. */
    public String yaml() {
        return yaml;
    }

    /** The file as plans and reports show it: literal secrets in {@code environment} masked ({@link SecretMask}). */
    public String shown() {
        return shown;
    }

    /** Every published port of the app services, with its green host port. */
    public List<PublishedPort> ports() {
        return ports;
    }

    /** What was changed, one line each, for the plan. */
    public List<String> changes() {
        return changes;
    }

    /** The first published TCP port of a service, if it publishes one: where its health is asked. */
    public Optional<PublishedPort> firstTcpPort(String service) {
        return ports.stream().filter(p -> p.service().equals(service) && p.tcp()).findFirst();
    }

    private static void keepOnly(Map<String, Object> services, List<String> appServices, List<String> changes) {
        List<String> others = services.keySet().stream().filter(name -> !appServices.contains(name)).toList();
        others.forEach(services::remove);
        if (!others.isEmpty()) {
            changes.add("services " + String.join(", ", others) + " left out (green deploys the app services only;"
                + " it shares blue's)");
        }
    }

    /** Every network the app services use, {@code default} included, becomes blue's, external. */
    private static void joinBluesNetworks(Map<String, Object> file, Map<String, Object> services, String stack,
                                          List<String> changes) {
        Map<String, Object> declared = file.get("networks") instanceof Map<?, ?> ? mapAt(file, "networks", "the file")
            : Map.of();
        Map<String, Object> used = new LinkedHashMap<>();
        boolean nameKey = VolumeSyntax.supportsName(file.get("version"));
        for (Object service : services.values()) {
            Object attached = service instanceof Map<?, ?> map ? map.get("networks") : null;
            List<String> names = attached instanceof Map<?, ?> map ? map.keySet().stream().map(Object::toString).toList()
                : attached instanceof List<?> list ? list.stream().map(Object::toString).toList() : List.of("default");
            for (String network : names) {
                Map<?, ?> definition = declared.get(network) instanceof Map<?, ?> m ? m : Map.of();
                if (isTrue(definition.get("external"))) {
                    used.put(network, declared.get(network));
                } else if (!used.containsKey(network)) {
                    String name = definition.get("name") != null ? definition.get("name").toString() : stack + "_" + network;
                    used.put(network, VolumeSyntax.external(name, nameKey));
                    changes.add("network " + network + ": external, blue's " + name);
                }
            }
        }
        file.put("networks", used);
    }

    private static void shareVolumes(Map<String, Object> file, String stack, List<String> changes) {
        if (!(file.get("volumes") instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> volumes = mapAt(file, "volumes", "the file");
        boolean nameKey = VolumeSyntax.supportsName(file.get("version"));
        for (Map.Entry<String, Object> volume : volumes.entrySet()) {
            Map<?, ?> definition = volume.getValue() instanceof Map<?, ?> m ? m : Map.of();
            if (isTrue(definition.get("external"))) {
                continue;
            }
            String name = definition.get("name") != null ? definition.get("name").toString() : stack + "_" + volume.getKey();
            volume.setValue(VolumeSyntax.external(name, nameKey));
            changes.add("volume " + volume.getKey() + ": external, shared with blue as " + name);
        }
    }

    static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || value instanceof Map<?, ?>;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapAt(Map<String, Object> parent, String key, String where) {
        Object value = parent.get(key);
        if (!(value instanceof Map<?, ?>)) {
            throw RollbackException.refused("the compose file at the target revision has no '" + key + "' mapping in " + where);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(byte[] compose) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        try {
            Object document = new Yaml(new SafeConstructor(options)).load(new String(compose, StandardCharsets.UTF_8));
            if (!(document instanceof Map<?, ?>)) {
                throw RollbackException.refused("the compose file at the target revision is not a YAML mapping");
            }
            return new LinkedHashMap<>((Map<String, Object>) document);
        } catch (YAMLException e) {
            // The message may quote lines of the file; say only where.
            throw RollbackException.refused("the compose file at the target revision is not valid YAML"
                + (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null
                ? " (line " + (marked.getProblemMark().getLine() + 1) + ")" : ""));
        }
    }

    private static String dump(Map<String, Object> file) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(200);
        options.setSplitLines(false);
        return "# Generated by rollback blue-green from the target revision's compose file; removed after the run.\n"
            + new Yaml(options).dump(file);
    }
}
