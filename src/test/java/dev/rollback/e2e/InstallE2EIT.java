package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/install.sh into a temporary prefix: the launcher runs, completion loads, man pages render. */
class InstallE2EIT {
    @TempDir
    Path prefix;

    @Test
    void installsALauncherThatRunsWithItsCompletionAndManPages() {
        Path basedir = Path.of(System.getProperty("rollback.basedir", ".")).toAbsolutePath();
        Shell.Result install = Shell.ok(basedir, Map.of(), "bash", "bin/install.sh", prefix.toString());
        assertThat(install.out()).contains("installed rollback in " + prefix);

        assertThat(prefix.resolve("bin/rollback")).isExecutable();
        assertThat(prefix.resolve("share/rollback/rollback.jar")).isRegularFile();
        assertThat(prefix.resolve("share/rollback/rollback.jsa")).isRegularFile();
        assertThat(prefix.resolve("share/bash-completion/completions/rollback")).isRegularFile();
        assertThat(prefix.resolve("share/rollback/completion/rollback.zsh")).isRegularFile();
        assertThat(prefix.resolve("share/man/man1/rollback.1")).isRegularFile();
        assertThat(prefix.resolve("share/man/man1/rollback-db-restore.1")).isRegularFile();

        // Outside the source tree, so the launcher must find the installed jar (and its archive, silently).
        Shell.Result version = Shell.run(prefix, withoutJarOverride(), prefix.resolve("bin/rollback").toString(), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("rollback ");
        assertThat(version.err()).isEmpty();

        Shell.Result completion = Shell.run(prefix, Map.of(), "bash", "-c",
            "source share/bash-completion/completions/rollback && complete -p rollback");
        assertThat(completion.out()).contains("_complete_rollback");

        assertThat(rendered(prefix.resolve("share/man/man1/rollback-db-restore.1"))).contains("db-restore", "--backup");
    }

    private static Map<String, String> withoutJarOverride() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("ROLLBACK_JAR", null);
        return env;
    }

    /** The page as man(1) shows it, or groff's text rendering where man is not installed. */
    private static String rendered(Path page) {
        List<String> argv = Files.isExecutable(Path.of("/usr/bin/man"))
            ? List.of("man", "-l", page.toString()) : List.of("groff", "-man", "-Tutf8", page.toString());
        Shell.Result man = Shell.run(null, Map.of("MANWIDTH", "100", "MANPAGER", "cat", "PAGER", "cat"), 60, argv);
        assertThat(man.exitCode()).as(man.err()).isZero();
        assertThat(man.err()).isEmpty();
        return man.out().replace("\u2010", "-");
    }
}
