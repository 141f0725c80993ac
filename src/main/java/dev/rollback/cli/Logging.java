package dev.rollback.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Maps -q / -v / -vv to log levels. Logs go to stderr (logback.xml), never to stdout. */
final class Logging {
    private Logging() {
    }

    static void configure(int verbosity) {
        Level level = switch (verbosity) {
            case -1 -> Level.ERROR;
            case 0 -> Level.WARN;
            case 1 -> Level.INFO;
            default -> Level.DEBUG;
        };
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(level);
        // Never, at any level: HttpClient's wire and header logs carry whole Engine API responses,
        // and a container's inspect holds its environment (POSTGRES_PASSWORD, tokens).
        ((Logger) LoggerFactory.getLogger("org.apache.hc.client5.http.wire")).setLevel(Level.INFO);
        ((Logger) LoggerFactory.getLogger("org.apache.hc.client5.http.headers")).setLevel(Level.INFO);
        if (verbosity < 2) {
            // docker-java and the HTTP client are chatty at INFO; keep them for -vv.
            ((Logger) LoggerFactory.getLogger("com.github.dockerjava")).setLevel(Level.WARN);
            ((Logger) LoggerFactory.getLogger("org.apache.hc")).setLevel(Level.WARN);
        }
    }
}
