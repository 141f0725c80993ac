package dev.rollback.watch;

import dev.rollback.core.config.DurationText;
import java.time.Duration;

/**
 * How long a deploy is watched and how it is judged: a round of probes every {@code interval} for
 * {@code window}; {@code failures} failed rounds in a row make the deploy bad.
 */
public record WatchWindow(Duration window, int failures, Duration interval) {

    /** What the watch does, in the words of its step: "every 5s for 5m, 3 failed rounds in a row: bad". */
    public String describe() {
        return "every " + DurationText.format(interval) + " for " + DurationText.format(window) + "; "
            + failures + " failed round" + (failures == 1 ? "" : "s") + " in a row judge the deploy bad";
    }
}
