package dev.rollback.adapters.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.util.Map;

/** Which daemon to talk to, and a docker-java client for it with the timeouts this tool needs. */
final class DockerClients {
    static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    /** Bounds TCP connects to a host that drops packets; a missing unix socket fails at once anyway. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private DockerClients() {
    }

    /** The explicit host, else {@code $DOCKER_HOST}, else the local socket. */
    static String resolveHost(String host, Map<String, String> environment) {
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        String fromEnvironment = environment.get("DOCKER_HOST");
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.strip() : DEFAULT_HOST;
    }

    /**
     * Builds the client without talking to the daemon; a malformed endpoint is a usage error. Every
     * request is bounded as {@code timeouts} says ({@link BoundedTransport}).
     */
    static DockerClient create(String endpoint, EngineTimeouts timeouts) {
        try {
            // The default builder also honours DOCKER_TLS_VERIFY / DOCKER_CERT_PATH for tcp:// hosts.
            DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint).build();
            // No socket read timeout: one value cannot fit a 10 s inspect and an exec (pg_restore)
            // silent for an hour. BoundedTransport bounds each call instead, by its kind.
            DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .build();
            return DockerClientImpl.getInstance(config, new BoundedTransport(http, timeouts));
        } catch (IllegalArgumentException | IllegalStateException | DockerClientException e) {
            throw RollbackException.usage("cannot use Docker host '" + endpoint + "' (" + DockerErrors.oneLine(e)
                + "); use unix:///path/to/docker.sock or tcp://host:port");
        }
    }
}
