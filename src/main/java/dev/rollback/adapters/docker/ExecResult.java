package dev.rollback.adapters.docker;

/** Outcome of {@link Docker#exec}. */
public record ExecResult(long exitCode, String stdout, String stderr) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
