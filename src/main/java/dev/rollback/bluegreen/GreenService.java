package dev.rollback.bluegreen;

import dev.rollback.core.RollbackException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The changes {@link GreenComposeFile} makes to one app service. */
final class GreenService {
    private final String name;
    private final Map<String, Object> service;
    private final int offset;
    private final List<String> changes;

    GreenService(String name, Map<String, Object> service, int offset, List<String> changes) {
        this.name = name;
        this.service = service;
        this.offset = offset;
        this.changes = changes;
    }

    void apply(List<PublishedPort> ports, Map<String, Object> networks) {
        refuseSharedNetworkMode();
        shiftPorts(ports);
        if (service.remove("container_name") != null) {
            changes.add(name + ": container_name removed (blue has that name)");
        }
        dropExternalNetworks(networks);
    }

    private void refuseSharedNetworkMode() {
        Object mode = service.get("network_mode");
        if (mode != null && !"bridge".equals(mode) && !"default".equals(mode)) {
            throw RollbackException.refused("app service " + name + " has network_mode: " + mode
                + "; two copies of it cannot run side by side, so blue-green cannot run this stack (use recreate)");
        }
    }

    private void shiftPorts(List<PublishedPort> ports) {
        if (!(service.get("ports") instanceof List<?> entries)) {
            return;
        }
        PortShift shift = new PortShift(name, offset);
        List<Object> shifted = new ArrayList<>();
        int before = ports.size();
        for (Object entry : entries) {
            shifted.add(shift.shift(entry, ports));
        }
        service.put("ports", shifted);
        for (PublishedPort port : ports.subList(before, ports.size())) {
            changes.add(name + ": host port " + port.hostPort() + " → " + port.greenPort());
        }
    }

    private void dropExternalNetworks(Map<String, Object> networks) {
        Object attached = service.get("networks");
        List<String> names = attached instanceof Map<?, ?> map ? map.keySet().stream().map(Object::toString).toList()
            : attached instanceof List<?> list ? list.stream().map(Object::toString).toList() : List.of();
        List<String> external = names.stream()
            .filter(n -> networks.get(n) instanceof Map<?, ?> def && GreenComposeFile.isTrue(def.get("external")))
            .toList();
        if (external.isEmpty()) {
            return;
        }
        if (attached instanceof Map<?, ?> map) {
            Map<Object, Object> kept = new LinkedHashMap<>(map);
            external.forEach(kept::remove);
            putOrRemove(kept.isEmpty(), kept);
        } else {
            List<String> kept = names.stream().filter(n -> !external.contains(n)).toList();
            putOrRemove(kept.isEmpty(), kept);
        }
        changes.add(name + ": external network(s) " + String.join(", ", external)
            + " left out (the proxy reaches green through its own network)");
    }

    private void putOrRemove(boolean empty, Object kept) {
        if (empty) {
            service.remove("networks");
        } else {
            service.put("networks", kept);
        }
    }
}
