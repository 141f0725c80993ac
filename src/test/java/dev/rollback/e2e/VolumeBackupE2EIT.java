package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollback backup --volumes [--config-files] [--no-database]} and {@code rollback backups},
 * run from the jar against real compose stacks: the test stack (PostgreSQL, backend, web) with a
 * named volume of its project, and a stack without a database whose compose file declares one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumeBackupE2EIT {
    private static final String HELPER = "docker: { helper-image: rollback-fixture/busybox:latest }\n";

    @TempDir
    static Path dir;

    private TestStack stack;
    private String uploads;
    private Path plain;
    private String plainProject;

    @BeforeAll
    void upStacks() throws Exception {
        stack = TestStack.up(Files.createDirectories(dir.resolve("stack")), "v1", 100);
        stack.writeConfig(HELPER);
        // What compose makes of a "uploads:" volume: <project>_uploads with the project's label.
        uploads = stack.project + "_uploads";
        stack.docker("volume", "create", "--label", "com.docker.compose.project=" + stack.project,
            "--label", "com.docker.compose.volume=uploads", uploads);
        fill(uploads);
        upPlainStack();
    }

    /** No database; the compose file declares the volume. */
    private void upPlainStack() throws Exception {
        plain = Files.createDirectories(dir.resolve("plain"));
        plainProject = "rbv" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(plain.resolve("docker-compose.yml"), """
            version: "3.8"
            services:
              app:
                image: rollback-fixture/app:v1
                volumes: ["files:/srv/files"]
                stop_grace_period: 1s
            volumes:
              files: {}
            """);
        PrivateFiles.createDirectories(plain.resolve("backups"));
        Files.writeString(plain.resolve("rollback.yml"), """
            stack:
              name: %s
              compose-file: docker-compose.yml
            backups: { dir: ./backups }
            state-dir: .rollback
            """.formatted(plainProject) + HELPER);
        composePlain("up", "-d");
        fill(plainProject + "_files");
    }

    private void fill(String volume) {
        stack.docker("run", "--rm", "-v", volume + ":/data", "rollback-fixture/busybox:latest", "sh", "-c",
            "set -e; mkdir -p /data/nested/deeper; echo token > /data/.hidden; echo hello > /data/nested/deeper/file.txt");
    }

    private Shell.Result composePlain(String... args) {
        List<String> argv = Shell.concat(Shell.compose(), "-p", plainProject, "-f", "docker-compose.yml");
        argv.addAll(List.of(args));
        return Shell.run(plain, Map.of(), 120, argv);
    }

    @AfterAll
    void downStacks() {
        if (plain != null) {
            composePlain("down", "-v", "--remove-orphans", "-t", "1");
        }
        if (stack != null) {
            Shell.run(dir, Map.of(), "docker", "volume", "rm", "-f", uploads);
            stack.close();
        }
    }

    @AfterEach
    void emptyBackupsDirs() throws Exception {
        for (Path backups : List.of(stack.backups, plain.resolve("backups"))) {
            try (Stream<Path> tree = Files.walk(backups)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(backups)).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static List<String> names(Path backups) throws Exception {
        try (Stream<Path> files = Files.list(backups)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private RollbackCli.Run plainRollback(String... args) {
        return RollbackCli.withConfigIn(plain, Map.of(), args);
    }

    @Test
    void backupWithVolumesDumpsTheDatabaseThenArchivesEveryVolumeOfTheProject() throws Exception {
        RollbackCli.Run run = stack.rollback("backup", "--volumes", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = run.json();
        assertThat(report.path("status").asText()).isEqualTo("succeeded");
        assertThat(report.path("steps").findValuesAsText("id"))
            .containsExactly("dump", "verify-dump", "publish", "backup-volumes");
        Path archive = Path.of(report.path("result").path("volumeBackups").get(0).asText());
        assertThat(report.path("result").path("volumeBackups")).hasSize(1);
        assertThat(archive.getParent()).isEqualTo(stack.backups);
        assertThat(archive.getFileName().toString()).matches(uploads + "_\\d{8}_\\d{6}\\.tar\\.gz");
        JsonNode row = run.step("backup-volumes").path("detail").path("volumes").get(0);
        assertThat(row.path("volume").asText()).isEqualTo(uploads);
        assertThat(row.path("entries").asInt()).isEqualTo(5);   // data/, .hidden, nested/, deeper/, file.txt
        assertThat(row.path("sizeBytes").asLong()).isEqualTo(Files.size(archive));
        assertThat(row.path("sha256").asText()).hasSize(64);
        assertThat(names(stack.backups)).containsExactlyInAnyOrder(archive.getFileName().toString(),
            Path.of(report.path("result").path("backup").asText()).getFileName().toString());
        assertThat(Files.getPosixFilePermissions(archive)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // A standard tar.gz: the host's tar reads it, entries under data/ as the strategies document's command makes them.
        String listing = Shell.ok(dir, Map.of(), "tar", "tzf", archive.toString()).out();
        assertThat(listing.lines()).contains("data/", "data/.hidden", "data/nested/deeper/file.txt");

        RollbackCli.Run list = stack.rollback("backups", "-o", "json");

        JsonNode rows = list.json().path("result").path("backups");
        assertThat(rows.findValuesAsText("format")).containsExactlyInAnyOrder("plain", "volume");
        rows.forEach(each -> assertThat(each.path("complete").asBoolean()).as(each.toString()).isTrue());
        assertThat(stack.rollback("backups").out()).contains(archive.getFileName().toString()).contains("volume");
    }

    @Test
    void noDatabaseBacksUpTheVolumesAndConfigOfAStackWithoutOne() throws Exception {
        RollbackCli.Run run = plainRollback("backup", "--no-database", "--volumes", "--config-files", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json().path("result");
        assertThat(run.json().path("steps").findValuesAsText("id")).containsExactly("backup-volumes", "backup-config");
        Path archive = Path.of(result.path("volumeBackups").get(0).asText());
        assertThat(archive.getFileName().toString()).startsWith(plainProject + "_files_");
        Path config = Path.of(result.path("configBackup").asText());
        assertThat(config.getFileName().toString()).matches(plainProject + "-config_\\d{8}_\\d{6}\\.files");
        assertThat(config.resolve("docker-compose.yml")).hasSameTextualContentAs(plain.resolve("docker-compose.yml"));
        assertThat(Files.readString(config.resolve("images.txt"))).startsWith("app rollback-fixture/app:v1 sha256:");

        JsonNode rows = plainRollback("backups", "-o", "json").json().path("result").path("backups");

        assertThat(rows.findValuesAsText("format")).containsExactlyInAnyOrder("volume", "config");
        rows.forEach(each -> assertThat(each.path("complete").asBoolean()).as(each.toString()).isTrue());
    }

    @Test
    void keepVolumesDeletesOlderArchivesOfTheVolumeAfterANewOneWasVerified() throws Exception {
        Path config = plain.resolve("rollback-keep.yml");
        Files.writeString(config, Files.readString(plain.resolve("rollback.yml")).replace("backups: { dir: ./backups }",
            "backups: { dir: ./backups, keep-volumes: 2 }"));
        List<String> archives = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RollbackCli.Run run = RollbackCli.run(plain, Map.of(), "--config", config.toString(), "backup",
                "--no-database", "--volumes", "--yes", "-o", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            archives.add(Path.of(run.json().path("result").path("volumeBackups").get(0).asText()).getFileName().toString());
            if (i == 2) {
                assertThat(run.step("volume-retention").path("detail").path("deleted").get(0).asText())
                    .isEqualTo(archives.get(0));
            }
        }

        assertThat(names(plain.resolve("backups"))).containsExactly(archives.get(1), archives.get(2));
    }

    @Test
    void truncatedVolumeArchiveIsListedAsIncomplete() throws Exception {
        RollbackCli.Run run = plainRollback("backup", "--no-database", "--volumes", "--yes", "-o", "json");
        Path archive = Path.of(run.json().path("result").path("volumeBackups").get(0).asText());
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length - 20));

        JsonNode row = plainRollback("backups", "-o", "json").json().path("result").path("backups").get(0);

        assertThat(row.path("format").asText()).isEqualTo("volume");
        assertThat(row.path("complete").asBoolean()).isFalse();
        assertThat(row.path("problem").asText()).contains("truncated");
    }

    @Test
    void dryRunNamesTheVolumesAndWritesNothing() throws Exception {
        RollbackCli.Run run = stack.rollback("backup", "--volumes", "--dry-run", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("status").asText()).isEqualTo("planned");
        assertThat(run.step("backup-volumes").path("detail").path("volumes").get(0).asText()).isEqualTo(uploads);
        assertThat(run.step("backup-volumes").path("description").asText()).contains(uploads).contains("read-only");
        assertThat(names(stack.backups)).isEmpty();
    }

    @Test
    void withNoPullAMissingHelperImageIsRefusedBeforeTheDumpSayingWhatToDo() throws Exception {
        Map<String, String> env = stack.env();
        env.put("ROLLBACK_DOCKER_HELPER_IMAGE", "rollback-fixture/absent:never");

        RollbackCli.Run run = stack.rollback(env, "backup", "--volumes", "--no-pull", "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.json().path("status").asText()).isEqualTo("refused");
        assertThat(run.json().path("error").path("message").asText())
            .isEqualTo("backup-volumes: helper image (docker.helper-image) rollback-fixture/absent:never is not on this"
                + " host and --no-pull is set; pull it (docker pull) or run without --no-pull (nothing was changed)");
        assertThat(names(stack.backups)).isEmpty();
    }

    @Test
    void noDatabaseAloneIsAUsageError() {
        RollbackCli.Run run = plainRollback("backup", "--no-database", "--yes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--no-database").contains("--volumes");
    }

    @Test
    void withoutADatabaseConfiguredTheDumpIsNotSilentlySkipped() {
        RollbackCli.Run run = plainRollback("backup", "--volumes", "--yes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("database.name is required").contains("--no-database");
    }
}
