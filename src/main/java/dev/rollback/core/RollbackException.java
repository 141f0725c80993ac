package dev.rollback.core;

/**
 * The one exception type of the tool: an exit code from {@link ExitCode} and a one-line message
 * that says what went wrong and what to do. Adapters translate vendor exceptions into it at their
 * boundary, so the rest of the code never sees docker-java, JGit or JDBC exceptions.
 */
public class RollbackException extends RuntimeException {
    private final int exitCode;

    public RollbackException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public RollbackException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static RollbackException failed(String message) {
        return new RollbackException(ExitCode.FAILED, message);
    }

    public static RollbackException usage(String message) {
        return new RollbackException(ExitCode.USAGE, message);
    }

    public static RollbackException refused(String message) {
        return new RollbackException(ExitCode.REFUSED, message);
    }

    public static RollbackException unreachable(String message, Throwable cause) {
        return new RollbackException(ExitCode.UNREACHABLE, message, cause);
    }
}
