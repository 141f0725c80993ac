package dev.rollback.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.config.VerifyConfig;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LogsCleanStepTest {
    private static final List<Pattern> DEFAULTS = VerifyConfig.DEFAULT_ERROR_PATTERNS.stream().map(Pattern::compile).toList();

    /**
     * The runbook walkthrough's {@code verify --logs-since 5m} after a level 4 rebuild failed on these:
     * lines PostgreSQL logs when level 4's own await-database (or pg_isready) connects while it starts.
     */
    @Test
    void aDatabaseAnsweringThatItIsStartingOrStoppingIsNotAnErrorLine() {
        assertThat(List.of(
            "2026-11-21 13:01:07.989 UTC [19] FATAL:  the database system is starting up",
            "2026-11-21 13:01:08.849 UTC [20] FATAL:  the database system is not yet accepting connections",
            "2026-11-21 13:02:00.001 UTC [31] FATAL:  the database system is shutting down"))
            .noneMatch(line -> LogsCleanStep.isErrorLine(line, DEFAULTS));
    }

    @Test
    void otherFatalAndErrorLinesStillCount() {
        assertThat(List.of(
            "2026-11-21 13:01:07.989 UTC [19] FATAL:  password authentication failed for user \"merq\"",
            "2026-11-21 13:01:07.989 UTC [19] ERROR:  relation \"users\" does not exist",
            "ERROR: upstream /health missing"))
            .allMatch(line -> LogsCleanStep.isErrorLine(line, DEFAULTS));
    }
}
