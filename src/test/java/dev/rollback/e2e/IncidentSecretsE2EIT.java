package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.inputs.GeneratedTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident bundle of a stack with a container that gives its secrets away: its log prints the
 * database password, a token the tool holds, its own secret variables and a URL password, and its
 * command carries {@code --requirepass <secret>}. Not one of them may be in any file of the bundle,
 * and the bundle is owner-only although the CLI runs under umask 022. Adds its row to the secret
 * audit table ({@code target/secret-audit.md}, part {@code incident-redaction}).
 */
class IncidentSecretsE2EIT {
    private static final GeneratedTable TABLE = new GeneratedTable("secret-audit", "## Secret audit",
        "incident-redaction", "command", "exit", "places checked", "result");

    @TempDir
    Path dir;

    @AfterAll
    static void writeTable() {
        TABLE.write();
    }

    @Test
    void noKnownSecretIsInAnyFileOfTheBundleLogsIncludedAndTheBundleIsOwnerOnly() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("DB_PASSWORD (the tool's database password)", TestStack.PASSWORD);
        secrets.put("GITHUB_TOKEN (a token in the tool's environment)", "ghp_incident" + run + "token");
        secrets.put("--requirepass argument", "requirepass-" + run + "-sentinel");
        secrets.put("SESSION_SECRET (the container's variable)", "session-" + run + "-sentinel");
        secrets.put("DATABASE_URL password", "urlpw" + run + "sentinel");
        try (TestStack stack = TestStack.up(dir, "v1", 10)) {
            String chatty = "rbt-chatty-" + run;
            startChattyContainer(stack, chatty, List.copyOf(secrets.values()));
            try {
                Map<String, String> env = stack.env();
                env.put("GITHUB_TOKEN", secrets.get("GITHUB_TOKEN (a token in the tool's environment)"));
                awaitLog(stack, chatty, "ready");

                RollbackCli.Run incident = RollbackCli.run(underUmask022(), dir, env, "--config",
                    dir.resolve("rollback.yml").toString(), "incident", "-o", "json");

                assertThat(incident.exitCode()).as(incident.err()).isZero();
                Path bundle = Path.of(incident.json().path("result").path("incidentBundle").asText());
                Path unpacked = Files.createDirectory(dir.resolve("unpacked"));
                Shell.ok(null, Map.of(), "tar", "xzf", bundle.toString(), "-C", unpacked.toString());
                List<Path> files = files(unpacked);
                List<String> leaks = leaks(files, secrets);
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle));
                TABLE.add("incident", GeneratedTable.code("rollback incident") + " (a container logging the database"
                        + " password, a token, its secret variable and URL password; --requirepass in its command; umask 022)",
                    String.valueOf(incident.exitCode()), "every file of the unpacked bundle (" + files.size()
                        + ", container logs included), the bundle's mode (" + mode + ")",
                    leaks.isEmpty() && mode.equals("rw-------") ? "clean" : "LEAK: " + String.join("; ", leaks) + " mode " + mode);

                assertThat(leaks).isEmpty();
                assertThat(mode).isEqualTo("rw-------");
                assertThat(Shell.ok(null, Map.of(), "tar", "tvzf", bundle.toString()).out().lines())
                    .isNotEmpty().allMatch(entry -> entry.startsWith("-rw-------"));
                String log = Files.readString(only(files, "logs/" + chatty + ".log"));
                assertThat(log).contains("started with --requirepass <redacted>", "db password <redacted>",
                    "banner <redacted>", "session <redacted>", "url postgres://app:<redacted>@db/app", "ready");
                assertThat(Files.readString(only(files, "inspect/" + chatty + ".json"))).contains("\"<redacted>\"")
                    .contains("--requirepass");
            } finally {
                Shell.run(dir, Map.of(), 60, List.of("docker", "rm", "-f", chatty));
            }
        }
    }

    /**
     * A container of the stack's compose project (by its labels, as compose makes them) that prints
     * every secret it was given: a password and a token under names that do not look secret (only
     * the tool knows them), a secret-looking variable, a URL, and its own arguments.
     */
    private static void startChattyContainer(TestStack stack, String name, List<String> secrets) {
        String script = "echo \"started with $0 $1\"; echo \"db password $LOGGED_DB\"; echo \"banner $BANNER\";"
            + " echo \"session $SESSION_SECRET\"; echo \"url $DATABASE_URL\"; echo ready; exec sleep 600";
        stack.docker("run", "-d", "--name", name, "--label", "com.docker.compose.project=" + stack.project,
            "--label", "com.docker.compose.service=chatty", "-e", "LOGGED_DB=" + secrets.get(0),
            "-e", "BANNER=" + secrets.get(1), "-e", "SESSION_SECRET=" + secrets.get(3),
            "-e", "DATABASE_URL=postgres://app:" + secrets.get(4) + "@db/app",
            "rollback-fixture/busybox:latest", "sh", "-c", script, "--requirepass", secrets.get(2));
    }

    private static void awaitLog(TestStack stack, String container, String line) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (stack.docker("logs", container).out().contains(line)) {
                return;
            }
            TestStack.sleep(200);
        }
        throw new AssertionError(container + " did not log '" + line + "' in 30 s");
    }

    /** The CLI started as {@code sh -c 'umask 022; exec java -jar rollback.jar ...'}: a new user's default umask. */
    private static List<String> underUmask022() {
        return List.of("sh", "-c", "umask 022; exec \"$0\" \"$@\"", "java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-jar", RollbackCli.jar().toString());
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static Path only(List<Path> files, String suffix) {
        return files.stream().filter(file -> file.toString().endsWith(suffix)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + suffix + " in the bundle: " + files));
    }

    /** "logs/x.log: --requirepass argument" for each secret found in a file. */
    private static List<String> leaks(List<Path> files, Map<String, String> secrets) throws IOException {
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            String content = Files.readString(file);
            secrets.forEach((what, value) -> {
                if (content.contains(value)) {
                    leaks.add(file.getParent().getFileName() + "/" + file.getFileName() + ": " + what);
                }
            });
        }
        return leaks;
    }
}
