package dev.rollback.adapters.process;

/** Exit code, captured stdout (empty when streamed to a file) and the last lines of stderr. */
public record ProcessResult(int exitCode, String stdout, String stderrTail) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The last non-blank stderr line: usually the one that says what went wrong. */
    public String lastErrorLine() {
        String[] lines = stderrTail.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].trim();
            }
        }
        return "";
    }
}
