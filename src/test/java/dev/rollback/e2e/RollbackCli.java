package dev.rollback.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        List<String> argv = new ArrayList<>(List.of("setsid", "-w", "java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-jar", jar().toString()));
        return argv;
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
        List<String> argv = command(List.of());
        argv.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(env);
        long start = System.nanoTime();
        Shell.Result result = Shell.run(workdir, environment, 600, argv);
        return new Run(result.exitCode(), result.out(), result.err(), (System.nanoTime() - start) / 1_000_000);
    }
}
