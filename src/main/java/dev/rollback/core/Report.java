package dev.rollback.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The report of one run: the JSON document of SPEC.md, also the journal's line. */
@JsonPropertyOrder({"command", "level", "status", "dryRun", "startedAt", "finishedAt", "durationMs",
    "steps", "result", "error"})
public record Report(String command, Integer level, RunStatus status, boolean dryRun,
                     Instant startedAt, Instant finishedAt, long durationMs,
                     List<StepReport> steps, Map<String, Object> result,
                     @JsonInclude(JsonInclude.Include.NON_NULL) ReportError error) {

    public Report {
        steps = List.copyOf(steps);
        result = Collections.unmodifiableMap(new LinkedHashMap<>(result));
    }

    /**
     * The result a step wrote with {@link StepContext#result(Record)}, typed; empty when that step
     * did not run.
     */
    public <T extends Record> Optional<T> result(Class<T> type) {
        return ResultRecord.read(result, type);
    }

    /** The process exit code this report stands for. */
    public int exitCode() {
        return error == null ? ExitCode.OK : error.exitCode();
    }
}
