package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.FileModes;
import dev.rollback.inputs.GeneratedTable;
import dev.rollback.inputs.StackCheckout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes, run as a new user on a shared server would: {@code java -jar} under
 * umask 022 (not bin/rollback, which sets 077 itself). After each, {@code find <backups> <state-dir>
 * -perm /go=rwx} must find nothing, and the compose file the tool rewrites in the workdir keeps the
 * mode it had. Writes {@code target/file-modes.md}.
 */
class FileModesE2EIT {
    static final GeneratedTable TABLE = new GeneratedTable("file-modes", "## File modes under umask 022", "e2e",
        "command (`java -jar` under umask 022)", "exit", "files written", "modes found", "open to others");
    /** A user's login shell with the default umask, then the jar as the README's java -jar line runs it. */
    private static final List<String> UMASK_022_JAVA = List.of("sh", "-c", "umask 022 && exec \"$@\"", "sh",
        "java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", RollbackCli.jar().toString());

    @TempDir
    Path dir;

    private final List<String> failures = new ArrayList<>();

    @AfterAll
    static void writeTable() {
        TABLE.write();
    }

    @Test
    void everyCommandThatWritesOnAComposeStackLeavesNothingOpenToOthers() throws Exception {
        try (TestStack stack = TestStack.up(dir, "v1", 1000, true)) {
            StackCheckout.ensure(stack);
            ownerOnlyBackupsDir(stack.backups);
            stack.writeConfig("docker: { helper-image: \"rollback-fixture/busybox:latest\" }\n");
            stack.awaitHealthy();
            Path compose = stack.dir.resolve("docker-compose.yml");
            String composeMode = FileModes.mode(compose);
            Roots roots = new Roots(stack.dir, stack.backups, stack.stateDir);

            run(roots, stack.env(), "release", "record", "--yes");
            run(roots, stack.env(), "backup", "--volumes", "--config-files", "--yes");
            run(roots, with(stack.env(), "ROLLBACK_DATABASE_TOOLS", "container"), "backup", "--format", "custom", "--yes");
            stack.deploy("v2");
            stack.awaitHealthy();
            // --force: a health check that flaps on a loaded machine must not stop a test of file modes.
            run(roots, stack.env(), "release", "record", "--force", "--yes");
            run(roots, stack.env(), "redeploy", "--yes");
            run(roots, stack.env(), "db-restore", "--backup", "latest", "--yes");
            // Volume archives: backup --volumes above wrote them through the same helpers; archiving
            // the database's files again would double this test's time and add no other writer.
            run(roots, stack.env(), "recreate", "--to", "HEAD", "--no-volume-backup", "--yes");
            run(roots, stack.env(), "incident");

            assertThat(FileModes.mode(compose)).as("the workdir's compose file, rewritten by recreate, keeps its mode")
                .isEqualTo(composeMode);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void blueGreenLeavesNothingOpenToOthers() throws Exception {
        try (BlueGreenStack stack = new BlueGreenStack(dir)) {
            ownerOnlyBackupsDir(dir.resolve("backups"));
            stack.deploy(stack.commitB);
            Roots roots = new Roots(dir, dir.resolve("backups"), dir.resolve(".rollback"));

            run(roots, stack.env(), "blue-green", "--to", "HEAD~1", "--yes");

            assertThat(dir.resolve(".rollback/blue-green")).as("where the green compose file was written").isDirectory();
        }
        assertThat(failures).isEmpty();
    }

    /** The operator made the backups dir private (the tool warns otherwise); the state dir is the tool's to create. */
    private static void ownerOnlyBackupsDir(Path backups) throws IOException {
        Files.setPosixFilePermissions(backups, PosixFilePermissions.fromString("rwx------"));
    }

    private record Roots(Path stackDir, Path backups, Path stateDir) {
        Map<Path, FileTime> snapshot() throws IOException {
            Map<Path, FileTime> files = new TreeMap<>();
            for (Path root : List.of(backups, stateDir)) {
                if (!Files.exists(root)) {
                    continue;
                }
                try (Stream<Path> paths = Files.walk(root)) {
                    for (Path path : paths.toList()) {
                        files.put(path, Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
                    }
                }
            }
            return files;
        }
    }

    private void run(Roots roots, Map<String, String> env, String... args) throws IOException {
        Map<Path, FileTime> before = roots.snapshot();
        List<String> argv = new ArrayList<>(List.of("--config", roots.stackDir().resolve("rollback.yml").toString()));
        argv.addAll(List.of(args));
        RollbackCli.Run run = RollbackCli.run(UMASK_022_JAVA, roots.stackDir(), env, argv.toArray(String[]::new));
        Map<Path, FileTime> after = roots.snapshot();
        // New paths, and files whose content changed (a directory's time changes with its entries).
        List<Path> written = after.entrySet().stream()
            .filter(entry -> !before.containsKey(entry.getKey())
                || !Files.isDirectory(entry.getKey()) && !entry.getValue().equals(before.get(entry.getKey())))
            .map(Map.Entry::getKey).toList();
        List<String> open = new ArrayList<>();
        for (Path path : FileModes.openPaths(roots.backups(), roots.stateDir())) {
            open.add(shown(roots, path) + " " + FileModes.mode(path));
        }
        String command = "rollback " + String.join(" ", args) + envShown(env);
        System.out.printf("file modes: %s: exit %d in %d ms, %d written, %d open%n", command, run.exitCode(),
            run.millis(), written.size(), open.size());
        if (run.exitCode() != 0) {
            failures.add(command + ": exit " + run.exitCode() + ": " + run.err().strip());
        }
        if (!run.err().lines().filter(line -> line.contains("open to other users")).toList().isEmpty()) {
            failures.add(command + ": warned about an open dir: " + run.err());
        }
        open.forEach(path -> failures.add(command + ": open to others: " + path));
        TABLE.add(String.format("%03d", TABLE.size()), GeneratedTable.code(command), String.valueOf(run.exitCode()),
            written.isEmpty() ? "none" : written.stream().map(path -> shown(roots, path)).collect(Collectors.joining(", ")),
            modes(written), open.isEmpty() ? "none" : String.join(", ", open));
    }

    /** "backups/merq_…_120000.sql": the stack's directory and the timestamps left out, so the table is stable. */
    private static String shown(Roots roots, Path path) {
        String relative = roots.stackDir().relativize(path).toString();
        return relative.replaceAll("\\d{8}_\\d{6}", "…").replaceAll("rb[a-z]?[0-9a-f]{8}", "<project>")
            .replaceAll("-\\d+\\.tmp$", "-….tmp");
    }

    /** "rw------- ×7, rwx------ ×3" */
    private static String modes(List<Path> written) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (Path path : written) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                counts.merge(FileModes.mode(path), 1, Integer::sum);
            }
        }
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
            .map(entry -> entry.getKey() + " ×" + entry.getValue()).collect(Collectors.joining(", "));
    }

    private static String envShown(Map<String, String> env) {
        return env.containsKey("ROLLBACK_DATABASE_TOOLS") ? " (pg tools in the database container)" : "";
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(key, value);
        return more;
    }
}
