package dev.rollback.cli;

import dev.rollback.core.Confirmer;
import dev.rollback.core.Interruption;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command takes from the outside world, passed in so that tests run the real parser
 * and handlers with their own streams, environment, confirmer, adapters and terminal.
 */
public record AppContext(Map<String, String> env, PrintWriter out, PrintWriter err, Confirmer confirmer,
                         Interruption interruption, Adapters adapters, Clock clock, Terminal terminal) {

    /** Streams that are not a terminal: plain progress lines, no colour. */
    public AppContext(Map<String, String> env, PrintWriter out, PrintWriter err, Confirmer confirmer,
                      Interruption interruption, Adapters adapters, Clock clock) {
        this(env, out, err, confirmer, interruption, adapters, clock, Terminal.NONE);
    }
}
