package dev.rollback.incident;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the collectors gathered: files for the archive, sections for summary.md, what is missing,
 * and the secret values they came across, which the last pass takes out of all of it.
 */
final class Bundle {
    /** A part that could not be collected, and why. */
    record Missing(String part, String reason) {
        @Override
        public String toString() {
            return part + ": " + reason;
        }
    }

    /** The summary's first section: what is down or failing. */
    static final String UNHEALTHY = "Unhealthy";

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, List<String>> sections = new LinkedHashMap<>();
    private final List<Missing> missing = new ArrayList<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private final Set<String> containersWithKnownSecrets = new LinkedHashSet<>();

    /** A file of the archive, by its path inside the bundle ({@code logs/web.log}). */
    void file(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Markdown lines under a heading of summary.md; a second call adds to the same section. */
    void section(String heading, List<String> lines) {
        sections.computeIfAbsent(heading, h -> new ArrayList<>()).addAll(lines);
    }

    void missing(String part, String reason) {
        missing.add(new Missing(part, reason));
    }

    /** A secret value seen while collecting (a container's password): never in the bundle. */
    void secret(String value) {
        secrets.add(value);
    }

    /** The container's secret values were read (and added): its log may go into the bundle. */
    void markSecretsKnown(String containerId) {
        containersWithKnownSecrets.add(containerId);
    }

    boolean secretsKnown(String containerId) {
        return containersWithKnownSecrets.contains(containerId);
    }

    Set<String> secrets() {
        return secrets;
    }

    Map<String, byte[]> files() {
        return files;
    }

    Map<String, List<String>> sections() {
        return sections;
    }

    List<Missing> missing() {
        return missing;
    }

    /**
     * What is missing, one line per reason: "containers, docker-ps, inspect, logs: Docker daemon …
     * is unreachable" rather than the same sentence four times.
     */
    List<String> missingByReason() {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        missing.forEach(m -> parts.computeIfAbsent(m.reason(), r -> new ArrayList<>()).add(m.part()));
        return parts.entrySet().stream().map(e -> String.join(", ", e.getValue()) + ": " + e.getKey()).toList();
    }
}
