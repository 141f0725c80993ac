package dev.rollback.adapters.docker;

/**
 * A container port published on the Docker host, as the container was created with it
 * ({@code HostConfig.PortBindings}): known while the container is stopped too, which is when a
 * run that did not finish asks.
 *
 * @param hostIp        the address docker-proxy listens on; empty for all interfaces
 * @param hostPort      the port on the host
 * @param containerPort the port inside the container
 * @param protocol      {@code tcp} or {@code udp}
 */
public record HostPortBinding(String hostIp, int hostPort, int containerPort, String protocol) {
    public HostPortBinding {
        hostIp = hostIp == null ? "" : hostIp;
        protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol;
    }

    public boolean tcp() {
        return "tcp".equals(protocol);
    }

    /** Whether the binding listens on all interfaces ({@code 0.0.0.0}, {@code ::} or none named). */
    public boolean anyInterface() {
        return hostIp.isEmpty() || "0.0.0.0".equals(hostIp) || "::".equals(hostIp);
    }
}
