package dev.rollback.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the process writes to: whether stdout and stderr are terminals, and how wide a line may be.
 * Java 17 cannot ask isatty(2) for stderr, so on Linux this reads where /proc/self/fd/N points
 * (a pty or a tty); elsewhere it falls back to {@link System#console()}, which needs stdin and stdout.
 */
record Terminal(boolean stdout, boolean stderr, int columns) {
    /** Not a terminal: what tests, pipes, log files and CI see. */
    static final Terminal NONE = new Terminal(false, false, 80);

    static Terminal detect(Map<String, String> env) {
        if ("dumb".equals(env.get("TERM"))) {
            return NONE;
        }
        boolean console = System.console() != null;
        return new Terminal(isTerminal(1, console), isTerminal(2, console), columns(env));
    }

    private static boolean isTerminal(int fd, boolean fallback) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return fallback;
        }
    }

    /** $COLUMNS when the shell exports it; 80 otherwise (a status line is cut to fit, never wrapped). */
    private static int columns(Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "80").trim());
            return columns >= 20 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
