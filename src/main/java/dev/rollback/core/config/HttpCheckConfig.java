package dev.rollback.core.config;

import java.time.Duration;

/**
 * One HTTP health check: {@code url} must answer {@code expect} (default 200) within
 * {@code timeout} per request; {@code host} sets the Host header (checking a server by IP).
 */
public record HttpCheckConfig(String name, String url, Integer expect, String host, Duration timeout,
                              Integer retries) {
    public HttpCheckConfig {
        Names.requirePresent("health.checks[].url", url);
        name = name != null ? name : url;
        expect = expect != null ? expect : 200;
        timeout = timeout != null ? timeout : Duration.ofSeconds(5);
        retries = retries != null ? retries : 3;
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ConfigException("health.checks: url of check " + name + " must start with http:// or https://");
        }
    }
}
