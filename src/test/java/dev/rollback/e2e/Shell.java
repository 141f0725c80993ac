package dev.rollback.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the commands a person would type (docker, psql), for setting up and inspecting stacks in tests. */
public final class Shell {
    public record Result(int exitCode, String out, String err) {
        public Result requireSuccess(List<String> argv) {
            if (exitCode != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed (" + exitCode + "): " + err + out);
            }
            return this;
        }
    }

    private Shell() {
    }

    public static Result run(Path dir, Map<String, String> env, String... argv) {
        return run(dir, env, 300, List.of(argv));
    }

    public static Result run(Path dir, Map<String, String> env, int timeoutSeconds, List<String> argv) {
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            env.forEach((key, value) -> {
                if (value == null) {
                    builder.environment().remove(key);   // a test that needs a variable absent
                } else {
                    builder.environment().put(key, value);
                }
            });
            Process process = builder.start();
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            Thread outReader = new Thread(() -> copy(process.getInputStream(), out));
            Thread errReader = new Thread(() -> copy(process.getErrorStream(), err));
            outReader.start();
            errReader.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " timed out after " + timeoutSeconds + " s");
            }
            outReader.join();
            errReader.join();
            return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result ok(Path dir, Map<String, String> env, String... argv) {
        return run(dir, env, argv).requireSuccess(List.of(argv));
    }

    private static volatile List<String> compose;

    /**
     * The compose the tool uses: {@code docker compose} (v2) when the Docker CLI has it, else
     * {@code docker-compose} (v1); {@code $ROLLBACK_COMPOSE} ({@code v1}/{@code v2}) keeps to one,
     * as it does for the tool (the CI's Compose v1 leg). Asked once.
     */
    public static List<String> compose() {
        if (compose == null) {
            String choice = System.getenv().getOrDefault("ROLLBACK_COMPOSE", "auto");
            boolean v2 = switch (choice) {
                case "v2" -> true;
                case "v1" -> false;
                default -> run(null, Map.of(), "docker", "compose", "version").exitCode() == 0;
            };
            compose = v2 ? List.of("docker", "compose") : List.of("docker-compose");
        }
        return compose;
    }

    public static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static void copy(java.io.InputStream in, java.io.OutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // process ended
        }
    }
}
