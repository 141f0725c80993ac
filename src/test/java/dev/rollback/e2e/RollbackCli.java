package dev.rollback.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built jar the way a user does, in a new session without a controlling terminal
 * ({@code setsid}), so a confirmation can never hang a test on a prompt.
 */
public final class RollbackCli {
    public record Run(int exitCode, String out, String err, long millis) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not one JSON document:\n" + out + "\nstderr:\n" + err, e);
            }
        }

        public JsonNode step(String id) {
            for (JsonNode step : json().path("steps")) {
                if (step.path("id").asText().equals(id)) {
                    return step;
                }
            }
            throw new AssertionError("no step " + id + " in " + out);
        }
    }

    /** The java command line up to the jar, with extra JVM options (e.g. the fault seam's property). */
    public static List<String> command(List<String> jvmOptions) {
        List<String> argv = new ArrayList<>(List.of("setsid", "-w"));
        argv.addAll(java(jvmOptions));
        return argv;
    }

    private static List<String> java(List<String> jvmOptions) {
        List<String> argv = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-jar", jar().toString()));
        return argv;
    }

    /**
     * The launcher an install puts on the PATH as {@code rollback} ({@code bin/rollback}), on the same
     * jar: what an operator types, started with the class-data-sharing archive the build made.
     */
    public static List<String> launcher() {
        Path basedir = Path.of(System.getProperty("rollback.basedir", ".")).toAbsolutePath();
        return List.of("env", "ROLLBACK_JAR=" + jar(), basedir.resolve("bin/rollback").toString());
    }

    public static Path jar() {
        String jar = System.getProperty("rollback.jar", "target/rollback.jar");
        return Path.of(jar).toAbsolutePath();
    }

    /** {@code rollback --config <workdir>/rollback.yml ARGS}, run in {@code workdir}. */
    public static Run withConfigIn(Path workdir, Map<String, String> env, String... args) {
        List<String> argv = new ArrayList<>(List.of("--config", workdir.resolve("rollback.yml").toString()));
        argv.addAll(List.of(args));
        return run(workdir, env, argv.toArray(String[]::new));
    }

    public static Run run(Path workdir, Map<String, String> env, String... args) {
        return run(java(List.of()), workdir, env, args);
    }

    /** {@code program ARGS} ({@link #launcher()}, or the java command line up to the jar) without a terminal. */
    public static Run run(List<String> program, Path workdir, Map<String, String> env, String... args) {
        List<String> argv = new ArrayList<>(List.of("setsid", "-w"));
        argv.addAll(program);
        argv.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(env);
        long start = System.nanoTime();
        Shell.Result result = Shell.run(workdir, environment, 600, argv);
        return new Run(result.exitCode(), result.out(), result.err(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * {@code program ARGS} as an operator types it at a terminal: a pseudo-terminal from util-linux
     * {@code script} is its controlling terminal, and when the confirmation prompt ("Type '…' to
     * continue") appears, {@code typed} is typed and Enter pressed. What the screen showed (stdout and
     * stderr together, CR LF line ends) is {@link Run#out}.
     */
    public static Run atTerminal(List<String> program, Path workdir, Map<String, String> env, String typed,
                                 String... args) {
        List<String> argv = new ArrayList<>(program);
        argv.addAll(List.of(args));
        String line = String.join(" ", argv.stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'").toList());
        ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-c", line, "/dev/null")
            .directory(workdir.toFile()).redirectErrorStream(true);
        env.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        builder.environment().put("NO_COLOR", "1");
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(600);
        try {
            Process process = builder.start();
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try (InputStream in = process.getInputStream()) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        synchronized (screen) {
                            screen.write(buffer, 0, n);
                        }
                    }
                } catch (IOException closed) {
                    // the terminal went away with the process
                }
            });
            reader.start();
            while (process.isAlive() && System.nanoTime() < deadline) {
                String shown;
                synchronized (screen) {
                    shown = screen.toString(StandardCharsets.UTF_8);
                }
                if (shown.contains("' to continue: ")) {
                    process.getOutputStream().write((typed + "\n").getBytes(StandardCharsets.UTF_8));
                    process.getOutputStream().flush();
                    break;
                }
                Thread.sleep(50);
            }
            if (!process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(line + " timed out at the terminal");
            }
            process.getOutputStream().close();
            reader.join();
            return new Run(process.exitValue(), screen.toString(StandardCharsets.UTF_8), "",
                (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + line, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
