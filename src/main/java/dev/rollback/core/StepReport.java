package dev.rollback.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One entry of the report's {@code steps}. A failure's message is in {@code detail.error}. */
public record StepReport(String id, String description, StepStatus status, long durationMs,
                         Map<String, Object> detail) {

    public StepReport {
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    public boolean failed() {
        return status == StepStatus.FAILED;
    }

    public String error() {
        Object error = detail.get("error");
        return error == null ? null : error.toString();
    }
}
