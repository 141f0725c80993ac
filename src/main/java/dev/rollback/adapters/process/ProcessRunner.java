package dev.rollback.adapters.process;

import dev.rollback.core.ExitCode;
import dev.rollback.core.PrivateFiles;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Runs external programs the only way this tool allows: an argv list (never a shell string),
 * secrets only through the environment and only to the child that needs them ({@link ChildEnvironment}), a timeout after which the process tree is killed, and the
 * last lines of stderr kept for the error message. Output streams to a file or is captured; input
 * comes from a file, from a {@link StdinSource} copied in by a {@link StdinPump}, or is empty.
 */
public final class ProcessRunner {
    private static final int STDERR_TAIL_LINES = 20;

    private final ChildEnvironment environment;

    /** Children get the tool's environment without the secrets' default names. */
    public ProcessRunner() {
        this(ChildEnvironment.withoutDefaultSecrets());
    }

    public ProcessRunner(ChildEnvironment environment) {
        this.environment = environment;
    }

    public ProcessResult run(ProcessSpec spec) {
        ProcessBuilder builder = new ProcessBuilder(spec.argv());
        // Replaced, not added to: what is inherited is decided in ChildEnvironment.
        builder.environment().clear();
        builder.environment().putAll(environment.of(spec));
        if (spec.workdir() != null) {
            builder.directory(spec.workdir().toFile());
        }
        if (spec.stdinFile() != null) {
            builder.redirectInput(spec.stdinFile().toFile());
        } else if (spec.stdinSource() != null) {
            builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        } else {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        if (spec.stdoutFile() != null) {
            createOwnerOnly(spec.stdoutFile());
            builder.redirectOutput(spec.stdoutFile().toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new RollbackException(ExitCode.UNREACHABLE, "cannot run " + spec.argv().get(0) + ": "
                + e.getMessage() + "; is it installed and on PATH?", e);
        }
        StreamTail stderr = new StreamTail(process.getErrorStream(), STDERR_TAIL_LINES);
        StringCollector stdout = spec.stdoutFile() == null ? new StringCollector(process.getInputStream()) : null;
        StdinPump stdin = spec.stdinSource() == null ? null : new StdinPump(spec.stdinSource(), process.getOutputStream());
        stderr.start();
        if (stdout != null) {
            stdout.start();
        }
        if (stdin != null) {
            stdin.start();
        }
        try {
            if (!process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw RollbackException.failed(spec.displayName() + " did not finish within "
                    + spec.timeout().toSeconds() + "s and was stopped");
            }
            stderr.join(2000);
            if (stdout != null) {
                stdout.join(2000);
            }
            if (stdin != null) {
                stdin.join(2000);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new RollbackException(ExitCode.INTERRUPTED, spec.displayName() + " was interrupted");
        }
        if (stdin != null && stdin.inputFailure() != null) {
            // The process saw a cut input as a normal end of input; its exit code cannot be trusted.
            throw RollbackException.failed(spec.displayName() + " did not get all of its input: "
                + stdin.inputFailure().getMessage());
        }
        return new ProcessResult(process.exitValue(), stdout == null ? "" : stdout.text(), stderr.text());
    }

    /**
     * Runs a long-lived program (the WAL archiver's {@code pg_receivewal}) until it exits by itself or
     * {@code stop} turns true; then it gets SIGTERM, the signal such programs end cleanly on, and a
     * kill after {@code grace}. The spec's timeout does not apply: the program is meant to run for days.
     * Stdout is discarded unless the spec streams it to a file; stderr's last lines are kept.
     */
    public ProcessResult runUntil(ProcessSpec spec, java.util.function.BooleanSupplier stop, java.time.Duration grace) {
        ProcessBuilder builder = new ProcessBuilder(spec.argv());
        builder.environment().clear();
        builder.environment().putAll(environment.of(spec));
        if (spec.workdir() != null) {
            builder.directory(spec.workdir().toFile());
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.redirectOutput(spec.stdoutFile() != null ? ProcessBuilder.Redirect.to(spec.stdoutFile().toFile())
            : ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new RollbackException(ExitCode.UNREACHABLE, "cannot run " + spec.argv().get(0) + ": "
                + e.getMessage() + "; is it installed and on PATH?", e);
        }
        StreamTail stderr = new StreamTail(process.getErrorStream(), STDERR_TAIL_LINES);
        stderr.start();
        try {
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (stop.getAsBoolean()) {
                    process.destroy();
                    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                        kill(process);
                    }
                    break;
                }
            }
            stderr.join(2000);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new RollbackException(ExitCode.INTERRUPTED, spec.displayName() + " was interrupted");
        }
        return new ProcessResult(process.exitValue(), "", stderr.text());
    }

    /**
     * The operating system would create a missing output file with the caller's umask (0644 under
     * 022) and a dump holds a whole database: create it 0600 first; the redirect then truncates it
     * and keeps its mode. An existing file (/dev/null, a pre-created partial dump) is left as it is.
     */
    private static void createOwnerOnly(Path file) {
        try {
            PrivateFiles.createFile(file);
        } catch (FileAlreadyExistsException exists) {
            // its owner chose its mode
        } catch (IOException e) {
            throw RollbackException.failed("cannot create " + file + ": " + e.getMessage());
        }
    }

    /** Runs and throws a one-line error (with stderr's last line) when the exit code is not 0. */
    public ProcessResult runChecked(ProcessSpec spec) {
        ProcessResult result = run(spec);
        if (result.exitCode() != 0) {
            throw RollbackException.failed(spec.displayName() + " failed (exit " + result.exitCode() + ")"
                + (result.stderrTail().isBlank() ? "" : ": " + result.lastErrorLine()));
        }
        return result;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps the last N lines of a stream (stderr) without holding all of it. */
    private static final class StreamTail extends Thread {
        private final InputStream in;
        private final int lines;
        private final Deque<String> tail = new ArrayDeque<>();

        StreamTail(InputStream in, int lines) {
            this.in = in;
            this.lines = lines;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > lines) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }

        String text() {
            synchronized (tail) {
                return String.join("\n", tail);
            }
        }
    }

    private static final class StringCollector extends Thread {
        private final InputStream in;
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        StringCollector(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                in.transferTo(out);
            } catch (IOException ignored) {
                // process ended
            }
        }

        String text() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

}
