package dev.rollback.core;

/** The exit codes of the contract (SPEC.md, "Exit codes"); scripts depend on these numbers. */
public final class ExitCode {
    /** Succeeded, or with --dry-run: the plan is valid. */
    public static final int OK = 0;
    /** The rollback ran and failed; the report says what state the stack is in. */
    public static final int FAILED = 1;
    /** Usage error: unknown option, bad value, bad configuration. */
    public static final int USAGE = 2;
    /** Refused or a precondition failed; nothing was changed. */
    public static final int REFUSED = 3;
    /** A dependency is unreachable: Docker daemon, database, git remote, an HTTP API. */
    public static final int UNREACHABLE = 4;
    /** Interrupted by SIGINT/SIGTERM at a step boundary. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
