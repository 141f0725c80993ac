package dev.rollback.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of one step, as written in the report. */
public enum StepStatus {
    SUCCEEDED, FAILED, SKIPPED, PLANNED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
