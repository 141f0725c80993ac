package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.FileModes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An existing backups dir or state dir that others can enter: one warning line on stderr, never an error. */
class OpenDirectoriesWarningTest {
    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner().adapters(CliRunner.unreachable());
    private Path config;
    private Path backups;
    private Path state;

    @BeforeEach
    void stack() throws Exception {
        config = Files.writeString(dir.resolve("rollback.yml"),
            "stack: { name: merq }\nbackups: { dir: ./backups }\nstate-dir: state\n");
        backups = Files.createDirectory(dir.resolve("backups"));
        state = Files.createDirectory(dir.resolve("state"));
    }

    private CliRunner.Result history() {
        return cli.run("history", "-c", config.toString(), "-o", "json");
    }

    private static void chmod(Path path, String mode) throws Exception {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }

    @Test
    void bothDirsOpenGiveOneLineNamingEachWithItsMode() throws Exception {
        chmod(backups, "rwxr-xr-x");
        chmod(state, "rwxrwx---");

        CliRunner.Result result = history();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err().lines().toList()).containsExactly("rollback: warning: backups dir " + backups
            + " is 0755 and state dir " + state + " is 0770, open to other users; run: chmod 700 " + backups + " " + state);
        assertThat(FileModes.mode(backups)).as("the tool never changes an existing dir").isEqualTo("rwxr-xr-x");
    }

    @Test
    void oneOpenDirIsNamedAlone() throws Exception {
        chmod(backups, "rwx------");
        chmod(state, "rwx-----x");

        CliRunner.Result result = history();

        assertThat(result.exitCode()).isZero();
        assertThat(result.err().lines().toList()).containsExactly("rollback: warning: state dir " + state
            + " is 0701, open to other users; run: chmod 700 " + state);
    }

    @Test
    void ownerOnlyOrMissingDirsGiveNoWarning() throws Exception {
        chmod(backups, "rwx------");
        Files.delete(state);

        CliRunner.Result result = history();

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
    }
}
