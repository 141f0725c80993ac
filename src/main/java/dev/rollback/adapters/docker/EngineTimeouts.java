package dev.rollback.adapters.docker;

import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DurationText;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long each kind of Engine API call may take, in one table (docs/architecture.md, "Every wait
 * is bounded"). {@link BoundedTransport} enforces it on every request docker-java or
 * {@link RawEngineApi} sends:
 * <ul>
 *   <li>a read ({@code GET}: inspect, list, ping): {@link #read}, 30 s. A healthy daemon answers in
 *       milliseconds, but one busy creating and stopping containers on a loaded host can hold an
 *       inspect for seconds: 10 s was exceeded in CI (load 12, two cores) mid blue-green;</li>
 *   <li>a stop or restart: its grace period ({@code ?t=}, 10 s when absent) plus {@link #stopMargin},
 *       15 s: the daemon waits out the grace, kills, then waits for the exit;</li>
 *   <li>any other change (create, start, remove, tag, connect, service update, exec create):
 *       {@link #change}, 60 s;</li>
 *   <li>streams (logs, container wait, exec output, attach, events, pull, build): not here. Their
 *       callers wait with their own bound ({@link #logs}, the helper's or the exec's timeout) and
 *       close the stream when it passes.</li>
 * </ul>
 * The system property {@value #PROPERTY} (a duration) replaces the read, change, logs and stop
 * margin bounds at once: a seam for tests, and a lever for a daemon known to be slow.
 */
record EngineTimeouts(Duration read, Duration change, Duration stopMargin, Duration logs) {
    static final String PROPERTY = "rollback.docker.timeout";
    static final EngineTimeouts DEFAULTS = new EngineTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(15), Duration.ofSeconds(30));
    /** docker stop's grace period when the call does not say. */
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private static final Pattern GRACE = Pattern.compile("(?:^|&)t=(\\d{1,6})(?:&|$)");
    /** Answers that are streams: read by a callback that its caller bounds. */
    private static final Pattern STREAM = Pattern.compile(
        "(/v[0-9.]+)?(/containers/[^/]+/(logs|wait|attach|stats|export)|/exec/[^/]+/start|/events|/images/create"
            + "|/build|/images/[^/]+/(push|get))");
    private static final Pattern STOP = Pattern.compile("(/v[0-9.]+)?/containers/[^/]+/(stop|restart)");

    /** The defaults, or every bound replaced by {@value #PROPERTY} when it is set. */
    static EngineTimeouts current() {
        String override = System.getProperty(PROPERTY);
        if (override == null || override.isBlank()) {
            return DEFAULTS;
        }
        try {
            Duration bound = DurationText.parse(override);
            return new EngineTimeouts(bound, bound, bound, bound);
        } catch (IllegalArgumentException e) {
            throw RollbackException.usage("-D" + PROPERTY + ": " + e.getMessage());
        }
    }

    /**
     * The bound of one request, from its method and path (with query); empty for a stream, which its
     * caller bounds.
     */
    Optional<Duration> boundFor(String method, String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question + 1);
        if (STREAM.matcher(path).matches()) {
            return Optional.empty();
        }
        if (STOP.matcher(path).matches()) {
            return Optional.of(grace(query).plus(stopMargin));
        }
        return Optional.of("GET".equals(method) || "HEAD".equals(method) ? read : change);
    }

    private static Duration grace(String query) {
        Matcher grace = GRACE.matcher(query);
        return grace.find() ? Duration.ofSeconds(Long.parseLong(grace.group(1))) : DEFAULT_GRACE;
    }
}
