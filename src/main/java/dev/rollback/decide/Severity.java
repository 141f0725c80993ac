package dev.rollback.decide;

/** The operator's judgement of the incident, the root of the runbook's decision tree. */
public enum Severity {
    critical, minor
}
