package dev.rollback.workdir;

import static dev.rollback.core.FileModes.mode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.backup.BackupStore;
import dev.rollback.core.Executor;
import dev.rollback.core.FileModes;
import dev.rollback.core.Interruption;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.RunStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the build's umask 022: a config snapshot is owner-only, and a file written into the
 * operator's workdir gets its final mode when its temporary file is created (the replaced file's
 * mode; 0600 for a new file and for the env file).
 */
class WorkdirFileModesTest {
    @TempDir
    Path dir;

    private Path workdir;
    private StackFiles files;

    @BeforeEach
    void workdir() throws Exception {
        FileModes.assumeUmaskLetsOthersRead(dir);
        workdir = Files.createDirectories(dir.resolve("work"));
        Files.writeString(workdir.resolve("docker-compose.yml"), "services: {}\n");
        Files.writeString(workdir.resolve(".env"), "DB_PASSWORD=s3cret\n");
        files = new StackFiles(workdir, "docker-compose.yml", ".env");
    }

    @Test
    void aConfigSnapshotIsOwnerOnlyFromTheStart() throws Exception {
        Path backups = Files.createDirectories(dir.resolve("backups"));
        Files.setPosixFilePermissions(backups, PosixFilePermissions.fromString("rwx------"));
        Plan plan = Plan.builder("backup").level(0)
            .step(new SnapshotFilesStep(files, new BackupStore(backups, Clock.systemUTC()), "merq",
                () -> List.of("backend merq/backend:v1 sha256:abc")))
            .build();

        Report report = new Executor(dir.resolve("state"), (c, d, a) -> true, Interruption.manual(), line -> { },
            Clock.systemUTC()).run(plan, new Executor.Options(false, true));

        assertThat(report.status()).as(String.valueOf(report.error())).isEqualTo(RunStatus.SUCCEEDED);
        Path snapshot = Path.of(String.valueOf(report.result().get("configBackup")));
        assertThat(mode(snapshot)).isEqualTo("rwx------");
        assertThat(Files.readString(snapshot.resolve(".env"))).isEqualTo("DB_PASSWORD=s3cret\n");
        assertThat(Files.readString(snapshot.resolve("images.txt"))).isEqualTo("backend merq/backend:v1 sha256:abc\n");
        FileModes.assertOwnerOnly(backups, dir.resolve("state"));
    }

    @Test
    void aReplacedComposeFileKeepsItsModeAndTheEnvFileIsAlways0600() throws Exception {
        Files.setPosixFilePermissions(workdir.resolve("docker-compose.yml"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(workdir.resolve(".env"), PosixFilePermissions.fromString("rw-r--r--"));

        files.write("docker-compose.yml", Optional.of("services: { a: {} }\n".getBytes(StandardCharsets.UTF_8)));
        files.write(".env", Optional.of("DB_PASSWORD=other\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(Files.readString(workdir.resolve("docker-compose.yml"))).isEqualTo("services: { a: {} }\n");
        assertThat(mode(workdir.resolve("docker-compose.yml"))).isEqualTo("rw-r-----");
        assertThat(mode(workdir.resolve(".env"))).isEqualTo("rw-------");
        try (var left = Files.list(workdir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("docker-compose.yml", ".env");
        }
    }

    @Test
    void aFileThatWasNotThereIsCreated0600() throws Exception {
        Files.delete(workdir.resolve("docker-compose.yml"));

        files.write("docker-compose.yml", Optional.of("services: {}\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(mode(workdir.resolve("docker-compose.yml"))).isEqualTo("rw-------");
    }
}
