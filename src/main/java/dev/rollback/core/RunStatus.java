package dev.rollback.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of a whole run, as written in the report's {@code status}. */
public enum RunStatus {
    SUCCEEDED, FAILED, REFUSED, PLANNED, INTERRUPTED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
