package dev.rollback.faults;

import dev.rollback.e2e.RollbackCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI started in the background the way {@link RollbackCli} runs it (its own session), with
 * stderr watched line by line so a test can act at a chosen point: kill it with SIGKILL, or pull a
 * dependency away.
 */
final class CliProcess {
    private final Process process;
    private final List<String> errLines = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();
    private final Thread outReader;
    private final Thread errReader;

    private CliProcess(Process process) {
        this.process = process;
        this.outReader = reader(() -> {
            try {
                out.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ended) {
                // killed
            }
        });
        this.errReader = reader(this::readErr);
    }

    static CliProcess start(Path dir, Map<String, String> env, List<String> jvmOptions, List<String> args) {
        List<String> argv = RollbackCli.command(jvmOptions);
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        env.forEach((key, value) -> builder.environment().put(key, value));
        try {
            return new CliProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Thread reader(Runnable body) {
        Thread thread = new Thread(body, "cli-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void readErr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                synchronized (errLines) {
                    errLines.add(line);
                    errLines.notifyAll();
                }
            }
        } catch (IOException ended) {
            // killed
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits for a stderr line containing {@code fragment}; fails with what stderr said otherwise. */
    void awaitLine(String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (errLines) {
            while (true) {
                for (; seen < errLines.size(); seen++) {
                    if (errLines.get(seen).contains(fragment)) {
                        return;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !errReader.isAlive())) {
                    throw new AssertionError("the CLI never printed '" + fragment + "' (alive: " + process.isAlive()
                        + "); stderr: " + errLines);
                }
                errLines.wait(Math.max(1, Math.min(200, left / 1_000_000)));
            }
        }
    }

    /** SIGKILL to the CLI's whole session (the JVM and the tools it runs), as when its terminal or job is killed. */
    void kill() throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-9", "--", "-" + process.pid()).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the CLI survived kill -9");
        }
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("the CLI did not end within " + timeout + "; stderr: " + err());
        }
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    String out() {
        return out.toString();
    }

    String err() {
        synchronized (errLines) {
            return String.join("\n", errLines);
        }
    }
}
