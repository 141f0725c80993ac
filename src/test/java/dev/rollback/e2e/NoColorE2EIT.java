package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rollback.core.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colour only on a terminal, never with NO_COLOR or --no-color. The terminal is a real pty
 * ({@code script(1)}); without one, output has neither escape bytes nor carriage returns. No
 * Docker needed: {@code incident} writes its bundle and lists what it could not collect.
 */
class NoColorE2EIT {
    private static final String ESC = "\u001b";

    @TempDir
    Path workdir;

    @BeforeEach
    void stack() throws Exception {
        PrivateFiles.createDirectories(workdir.resolve("backups"));
        Files.writeString(workdir.resolve("rollback.yml"), """
            stack: { name: nocolor }
            state-dir: ./state
            backups: { dir: ./backups }
            docker: { host: "unix:///nonexistent/rollback-nocolor.sock" }
            """);
    }

    @Test
    void onATerminalTheReportIsColouredSoTheChecksBelowCanFail() {
        Shell.Result run = onTerminal(Map.of(), "incident");

        assertThat(run.out()).contains("succeeded").contains(ESC + "[32m");
    }

    @Test
    void noColorInTheEnvironmentMeansNoEscapeBytes() {
        Shell.Result run = onTerminal(Map.of("NO_COLOR", "1"), "incident");

        assertThat(run.out()).contains("incident: succeeded").doesNotContain(ESC);
    }

    @Test
    void theNoColorOptionMeansNoEscapeBytes() {
        Shell.Result run = onTerminal(Map.of(), "--no-color", "incident");

        assertThat(run.out()).contains("incident: succeeded").doesNotContain(ESC);
    }

    @Test
    void withoutATerminalStdoutAndStderrArePlainLines() {
        RollbackCli.Run run = RollbackCli.withConfigIn(workdir, Map.of(), "incident");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("incident: succeeded").doesNotContain(ESC).doesNotContain("\r");
        assertThat(run.err()).contains("not collected").doesNotContain(ESC).doesNotContain("\r");
    }

    /** The CLI on a pseudo-terminal (stdout and stderr both on it, so both are in the output). */
    private Shell.Result onTerminal(Map<String, String> env, String... args) {
        assumeThat(Path.of("/usr/bin/script")).as("script(1) from util-linux").exists();
        List<String> argv = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", RollbackCli.jar().toString(),
            "--config", workdir.resolve("rollback.yml").toString()));
        argv.addAll(List.of(args));
        String command = argv.stream().map(NoColorE2EIT::quote).collect(Collectors.joining(" "));
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("NO_COLOR", null);
        environment.put("TERM", "xterm");
        Shell.Result run = Shell.run(workdir, environment, 120, List.of("script", "-qec", command, "/dev/null"));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
