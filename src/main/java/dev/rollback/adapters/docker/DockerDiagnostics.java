package dev.rollback.adapters.docker;

/**
 * What an incident bundle reads from the Engine for a human, with secrets already taken out: no
 * caller ever sees a container's environment values. Failures throw {@code RollbackException}
 * (exit 4 when the daemon cannot be reached).
 */
public interface DockerDiagnostics {
    /** The endpoint in use, for messages. */
    String endpoint();

    /**
     * {@code docker ps -a} of the whole engine as a text table: id, image, command (cut, as docker
     * cuts it), created, status, ports, names.
     */
    String containerTable();

    /**
     * The Engine's inspect document of a container, pretty-printed, with every {@code Config.Env}
     * value replaced by {@code <redacted>}, and so are the values of labels and of {@code name=value}
     * arguments ({@code --db-password=…}) whose names look secret.
     */
    String inspect(String containerId);

    /**
     * The secret values a container was given, so that a bundle can take them out of everything
     * else it holds (logs above all); never for display. The values of environment variables and
     * labels whose names look secret, of secret-looking arguments in its command, entrypoint and
     * healthcheck ({@code --requirepass x}, {@code --password=x}, see {@code SecretArguments}), and
     * URL passwords in any of those.
     */
    java.util.List<String> secretValues(String containerId);
}
