package dev.rollback.core.config;

/** {@code docker:} the Engine to talk to; default {@code $DOCKER_HOST} or the local socket. */
public record DockerConfig(String host) {
}
