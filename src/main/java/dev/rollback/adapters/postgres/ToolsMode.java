package dev.rollback.adapters.postgres;

import dev.rollback.core.RollbackException;
import java.util.Locale;

/** Where pg_dump, pg_restore and psql run ({@code database.tools}). */
public enum ToolsMode {
    /** The host's tools when they are new enough for the server, else the database container's. */
    AUTO,
    /** The tools installed on this machine. */
    HOST,
    /** The tools inside the database container, through {@code docker exec}. */
    CONTAINER;

    /** Parses the configuration value: auto, host or container. */
    public static ToolsMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw RollbackException.usage("database.tools must be auto, host or container, got '" + value + "'");
        }
    }
}
