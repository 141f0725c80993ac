package dev.rollback.adapters.docker;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed compose CLI: how to invoke it ({@code [docker, compose]} or {@code [docker-compose]})
 * and its version, which decides the flags it accepts.
 */
record ComposeVersion(List<String> command, int major, int minor, String version) {
    /** "Docker Compose version v2.24.5", "docker-compose version 1.29.2, build unknown". */
    private static final Pattern VERSION_LINE =
        Pattern.compile("(?i)compose version v?((\\d+)\\.(\\d+)(?:\\.\\d+)?\\S*?),?(?:\\s|$)");

    ComposeVersion {
        command = List.copyOf(command);
    }

    /** The version from {@code <command> version} output, if it is a compose version line. */
    static Optional<ComposeVersion> parse(List<String> command, String versionOutput) {
        Matcher matcher = VERSION_LINE.matcher(versionOutput);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new ComposeVersion(command, Integer.parseInt(matcher.group(2)),
            Integer.parseInt(matcher.group(3)), matcher.group(1)));
    }

    /** "docker compose" or "docker-compose". */
    String implementation() {
        return String.join(" ", command);
    }

    /**
     * {@code up --pull never} exists in v2 and only took effect from 2.15 (compose PR #10128);
     * older versions reject or ignore it, and v1 pulls missing images regardless.
     */
    boolean supportsPullNever() {
        return major > 2 || (major == 2 && minor >= 15);
    }

    @Override
    public String toString() {
        return implementation() + " " + version;
    }
}
