package dev.rollback.core.config;

/**
 * {@code docker:} the Engine to talk to; default {@code $DOCKER_HOST} or the local socket.
 *
 * @param helperImage the image of the short-lived containers that archive and refill volumes
 *                    (it needs {@code sh} and {@code tar}; the strategies document uses alpine)
 */
public record DockerConfig(String host, String helperImage) {
    public static final String DEFAULT_HELPER_IMAGE = "alpine:3.20";

    public DockerConfig {
        helperImage = helperImage != null ? helperImage : DEFAULT_HELPER_IMAGE;
    }
}
