package dev.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/rollback (also the image's entrypoint) starts the JVM under umask 077 whatever the caller's:
 * a stand-in {@code java} on the PATH prints the umask it was started with.
 */
class LauncherUmaskTest {
    @TempDir
    Path dir;

    @Test
    void theLauncherStartsJavaUnderUmask077() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\numask\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        Path jar = Files.writeString(dir.resolve("rollback.jar"), "not a jar: the stand-in java never reads it");

        ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", "umask 022; exec bash bin/rollback --version"))
            .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("ROLLBACK_JAR", jar.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes()).strip();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("0077");
    }
}
