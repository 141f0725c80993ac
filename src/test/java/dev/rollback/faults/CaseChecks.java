package dev.rollback.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The invariants of one fault case, checked softly: every invariant runs and lands in the
 * {@link FaultMatrix} as pass (with what was observed) or FAIL (with why); {@link #verify} then
 * fails the test naming every broken invariant.
 */
final class CaseChecks {
    private final String command;
    private final String fault;
    private final List<String> failures = new ArrayList<>();

    CaseChecks(String command, String fault) {
        this.command = command;
        this.fault = fault;
    }

    /** Runs {@code check}, which asserts and returns what it observed (for the report). */
    void check(String invariant, Callable<String> check) {
        String result;
        try {
            result = "pass: " + check.call();
        } catch (AssertionError | Exception e) {
            String message = String.valueOf(e.getMessage()).strip();
            result = "FAIL: " + (message.length() > 300 ? message.substring(0, 300) + "…" : message);
            failures.add(invariant + ": " + message);
        }
        FaultMatrix.record(command, fault, invariant, result);
    }

    void verify() {
        if (!failures.isEmpty()) {
            throw new AssertionError(command + ", " + fault + ": " + failures.size() + " invariant(s) broken:\n"
                + String.join("\n", failures));
        }
    }
}
