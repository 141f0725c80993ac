package dev.rollback.adapters.process;

import static dev.rollback.core.FileModes.mode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.FileModes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child's output file (a dump streamed from pg_dump or docker exec) and the files a child creates
 * itself under {@link ProcessSpec#withOwnerOnlyFiles()} (pg_dump's directory format) are 0600, with
 * this JVM's umask 022, which the child inherits.
 */
class ProcessRunnerFileModesTest {
    @TempDir
    Path dir;

    private final ProcessRunner runner = new ProcessRunner();

    @BeforeEach
    void meaningful() throws Exception {
        FileModes.assumeUmaskLetsOthersRead(dir);
    }

    @Test
    void anOutputFileTheRunnerCreatesIsOwnerOnly() throws Exception {
        Path out = dir.resolve("merq_20260101_120000.sql");

        runner.runChecked(ProcessSpec.of(List.of("echo", "-- a dump"), Duration.ofSeconds(10)).stdoutTo(out));

        assertThat(Files.readString(out)).isEqualTo("-- a dump\n");
        assertThat(mode(out)).isEqualTo("rw-------");
    }

    @Test
    void anExistingOutputFileKeepsItsMode() throws Exception {
        Path out = Files.writeString(dir.resolve("shared.log"), "old");   // the operator's file, 0644

        runner.runChecked(ProcessSpec.of(List.of("echo", "new"), Duration.ofSeconds(10)).stdoutTo(out));

        assertThat(Files.readString(out)).isEqualTo("new\n");
        assertThat(mode(out)).isEqualTo("rw-r--r--");
    }

    @Test
    void filesTheChildCreatesUnderOwnerOnlyFilesAre0600And0700() throws Exception {
        Path made = dir.resolve("made");
        Path sub = dir.resolve("sub");
        ProcessSpec touch = ProcessSpec.of(List.of("touch", made.toString()), Duration.ofSeconds(10)).withOwnerOnlyFiles();
        ProcessSpec mkdir = ProcessSpec.of(List.of("mkdir", sub.toString()), Duration.ofSeconds(10)).withOwnerOnlyFiles();

        runner.runChecked(touch);
        runner.runChecked(mkdir);

        assertThat(mode(made)).isEqualTo("rw-------");
        assertThat(mode(sub)).isEqualTo("rwx------");
        assertThat(touch.displayName()).isEqualTo("touch " + made);
        assertThat(touch.withOwnerOnlyFiles()).isEqualTo(touch);
    }

    @Test
    void argumentsReachTheChildUnparsedByTheShell() throws Exception {
        Path out = dir.resolve("out");

        runner.runChecked(ProcessSpec.of(List.of("printf", "%s|", "a b", "$HOME", "`id`;x"), Duration.ofSeconds(10))
            .withOwnerOnlyFiles().stdoutTo(out));

        assertThat(Files.readString(out)).isEqualTo("a b|$HOME|`id`;x|");
    }
}
