package dev.rollback.bluegreen;

/**
 * A host port an app service publishes, as in the compose file at the target revision and as the
 * green copy publishes it ({@code hostPort + offset}). Ranges are represented by their first port.
 *
 * @param hostIp empty when the file names none (all interfaces)
 */
public record PublishedPort(String service, String hostIp, int hostPort, int greenPort, String containerPort,
                            String protocol) {

    public boolean tcp() {
        return protocol == null || protocol.isEmpty() || "tcp".equals(protocol);
    }

    /** The address to probe from this machine: the bound IP, or loopback for all interfaces. */
    public String probeHost() {
        boolean anyInterface = hostIp.isEmpty() || "0.0.0.0".equals(hostIp) || "::".equals(hostIp);
        return anyInterface ? "127.0.0.1" : hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
    }
}
