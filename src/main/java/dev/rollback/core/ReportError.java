package dev.rollback.core;

/** The report's {@code error}: present when the run failed, was refused or interrupted. */
public record ReportError(int exitCode, String message) {
}
