package dev.rollback.core.config;

import java.time.Duration;

/**
 * {@code blue-green:} how the {@code blue-green} strategy runs the second copy of the stack.
 *
 * @param portOffset added to every published host port of the app services in {@code <stack>-green}
 * @param drain      how long blue keeps serving the requests it already has after the proxy switched
 * @param healthPath asked of each green app service, directly and at the address the proxy will dial
 */
public record BlueGreenConfig(Integer portOffset, Duration drain, String healthPath) {
    public BlueGreenConfig {
        portOffset = portOffset != null ? portOffset : 10000;
        drain = drain != null ? drain : Duration.ofSeconds(10);
        healthPath = healthPath != null ? healthPath : "/health";
        if (portOffset < 1 || portOffset > 60000) {
            throw new ConfigException("blue-green.port-offset must be between 1 and 60000, got " + portOffset);
        }
        if (!healthPath.startsWith("/")) {
            throw new ConfigException("blue-green.health-path must start with /, got '" + healthPath + "'");
        }
    }
}
