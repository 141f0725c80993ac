package dev.rollback.bluegreen;

import dev.rollback.core.RollbackException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shifts the published host port of one {@code ports:} entry by the offset, in compose's short
 * syntax ({@code "[IP:][HOST:]CONTAINER[/PROTO]"}, host and container may be ranges) or long
 * syntax ({@code {target, published, host_ip, protocol}}). The host IP is kept; an entry without a
 * host port stays without one (Docker picks a free port). A host port taken from a variable cannot
 * be shifted without interpolating the file (which would write secrets), so it is refused.
 */
final class PortShift {
    private final String service;
    private final int offset;

    PortShift(String service, int offset) {
        this.service = service;
        this.offset = offset;
    }

    /** The shifted entry, in the syntax it came in; the published port (when there is one) is added to {@code found}. */
    Object shift(Object entry, List<PublishedPort> found) {
        if (entry instanceof Map<?, ?> longSyntax) {
            return shiftLong(longSyntax, found);
        }
        if (entry instanceof Number) {
            return entry;   // a bare container port: Docker picks the host port
        }
        if (entry instanceof String text) {
            return shiftShort(text, found);
        }
        throw RollbackException.refused("service " + service + ": cannot read the ports entry '" + entry + "'");
    }

    private Object shiftShort(String entry, List<PublishedPort> found) {
        String protocol = "";
        String spec = entry.strip();
        int slash = spec.lastIndexOf('/');
        if (slash > 0) {
            protocol = spec.substring(slash + 1);
            spec = spec.substring(0, slash);
        }
        String ip = "";
        if (spec.startsWith("[")) {
            int close = spec.indexOf("]:");
            if (close < 0) {
                return entry;
            }
            ip = spec.substring(1, close);
            spec = spec.substring(close + 2);
        }
        String[] parts = spec.split(":", -1);
        if (parts.length == 1) {
            return entry;   // container port only
        }
        if (parts.length == 3 && ip.isEmpty()) {
            ip = parts[0];
            parts = new String[] {parts[1], parts[2]};
        }
        if (parts.length != 2) {
            throw RollbackException.refused("service " + service + ": cannot read the ports entry '" + entry + "'");
        }
        String host = parts[0];
        if (host.isEmpty()) {
            return entry;   // "IP::CONTAINER": a random host port
        }
        String shifted = shiftHostPorts(host, entry);
        found.add(new PublishedPort(service, ip, firstPort(host), firstPort(shifted), parts[1], protocol));
        String ipPart = ip.isEmpty() ? "" : (ip.contains(":") ? "[" + ip + "]" : ip) + ":";
        return ipPart + shifted + ":" + parts[1] + (protocol.isEmpty() ? "" : "/" + protocol);
    }

    private Object shiftLong(Map<?, ?> entry, List<PublishedPort> found) {
        Object published = entry.get("published");
        if (published == null) {
            return entry;
        }
        Map<Object, Object> copy = new LinkedHashMap<>(entry);
        String shifted = shiftHostPorts(published.toString(), published.toString());
        copy.put("published", published instanceof Number ? Integer.parseInt(shifted) : shifted);
        String ip = entry.get("host_ip") == null ? "" : entry.get("host_ip").toString();
        String protocol = entry.get("protocol") == null ? "" : entry.get("protocol").toString();
        found.add(new PublishedPort(service, ip, firstPort(published.toString()), firstPort(shifted),
            String.valueOf(entry.get("target")), protocol));
        return copy;
    }

    /** "8080" → "18080", "8080-8081" → "18080-18081". */
    private String shiftHostPorts(String host, String entry) {
        if (host.contains("$")) {
            throw RollbackException.refused("service " + service + " publishes a host port from a variable ('" + entry
                + "'); blue-green cannot shift it without resolving the variables (and the secrets with them): "
                + "write the port into the compose file, or use recreate");
        }
        String[] range = host.split("-", -1);
        StringBuilder shifted = new StringBuilder();
        for (int i = 0; i < range.length; i++) {
            int port = parsePort(range[i], entry);
            int moved = port + offset;
            if (moved > 65535) {
                throw RollbackException.refused("service " + service + ": host port " + port + " + offset " + offset
                    + " is beyond 65535; choose a smaller --port-offset");
            }
            shifted.append(i == 0 ? "" : "-").append(moved);
        }
        return shifted.toString();
    }

    private int parsePort(String text, String entry) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw RollbackException.refused("service " + service + ": cannot read the host port in '" + entry + "'");
        }
    }

    private static int firstPort(String ports) {
        return Integer.parseInt(ports.split("-")[0].strip());
    }
}
