package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts that {@code package} writes to target/completion (and bin/install.sh
 * installs unchanged), completing real command lines: in bash as bash's programmable completion
 * calls the function, and in a real interactive zsh on a pseudo-terminal, TAB and all
 * (src/test/shell/zsh-complete.zsh), the way docs/install.md tells zsh users to load it.
 */
class CompletionE2EIT {
    private static final Path BASEDIR = Path.of(System.getProperty("rollback.basedir", ".")).toAbsolutePath();
    private static final Path COMPLETION = BASEDIR.resolve("target/completion");
    private static final List<String> SUBCOMMANDS = List.of("verify", "backup", "backups", "archive", "release", "redeploy", "level1",
        "revert", "level2", "db-restore", "level3", "drill", "watch", "recreate", "blue-green", "incident", "infra-rebuild", "level4",
        "check-migrations", "plan", "history");
    private static final List<String> DB_RESTORE_OPTIONS = List.of("--backup", "--undo", "--in-place", "--redeploy",
        "--jobs", "--dry-run", "--yes", "--config", "--output", "--no-color");

    /** compinit's dump file goes here, not into the home directory. */
    @TempDir
    Path zdotdir;

    @Test
    void bashCompletesSubcommandsOptionsAndOptionValues() {
        Path script = COMPLETION.resolve("rollback.bash");
        assertThat(bash(script, "rollback ")).containsExactlyInAnyOrderElementsOf(SUBCOMMANDS);
        assertDbRestoreOptions(bash(script, "rollback db-restore --"));
        assertThat(bash(script, "rollback --output ")).containsExactlyInAnyOrder("text", "json");
        assertThat(bash(script, "rollback release ")).containsExactlyInAnyOrder("record", "list");
        assertThat(bash(script, "rollback drill --")).contains("--backup", "--max-age", "--volumes");
        assertThat(bash(script, "rollback watch --")).contains("--for", "--failures", "--interval", "--then");
        assertThat(bash(script, "rollback watch --then ")).containsExactlyInAnyOrder("redeploy", "plan");
        assertThat(bash(script, "rollback backup --")).contains("--base", "--label");
    }

    /** ~/.zshrc with only the documented line: the script loads compinit and bashcompinit itself. */
    @Test
    void zshCompletesAfterSourcingTheScriptAlone() {
        Path script = COMPLETION.resolve("rollback.zsh");
        assertThat(zsh(script, false, "rollback ")).containsExactlyInAnyOrderElementsOf(SUBCOMMANDS);
        assertDbRestoreOptions(zsh(script, false, "rollback db-restore --"));
        assertThat(zsh(script, false, "rollback --output ")).containsExactlyInAnyOrder("text", "json");
        assertThat(zsh(script, false, "rollback rel")).containsExactly("release");
        assertThat(zsh(script, false, "rollback release ")).containsExactlyInAnyOrder("record", "list");
    }

    /** The usual ~/.zshrc: compinit first (oh-my-zsh and most setups), then the documented line. */
    @Test
    void zshCompletesWhenCompinitRanFirst() {
        Path script = COMPLETION.resolve("rollback.zsh");
        assertThat(zsh(script, true, "rollback ")).containsExactlyInAnyOrderElementsOf(SUBCOMMANDS);
        assertDbRestoreOptions(zsh(script, true, "rollback db-restore --"));
    }

    private static void assertDbRestoreOptions(List<String> candidates) {
        assertThat(candidates).containsAll(DB_RESTORE_OPTIONS)
            .allMatch(candidate -> candidate.startsWith("--"), "a long option")
            .doesNotContain("--to", "--service", "--provider");
    }

    /** What bash's programmable completion does on TAB: set COMP_*, call the registered function. */
    private static List<String> bash(Path script, String line) {
        assertThat(script).as("built by mvn package").isRegularFile();
        String words = line.endsWith(" ") ? line + "''" : line;
        Shell.Result result = Shell.run(null, Map.of(), 30, List.of("bash", "-c",
            "source \"$1\" || exit 2\n"
                + "function=$(complete -p rollback | sed -E 's/.* -F ([^ ]+) .*/\\1/')\n"
                + "eval \"COMP_WORDS=(" + words + ")\"\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"$2\"; COMP_POINT=${#COMP_LINE}\n"
                + "\"$function\" rollback \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" || exit 3\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"",
            "bash-complete", script.toString(), line));
        assertThat(result.exitCode()).as("bash completion of '%s': %s", line, result.err()).isZero();
        return candidates(result.out());
    }

    private List<String> zsh(Path script, boolean compinitFirst, String line) {
        assertThat(script).as("built by mvn package").isRegularFile();
        assertThat(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")))
            .as("zsh is not installed; testbed/setup.sh installs it (apt-get install zsh), run: bash testbed/setup.sh")
            .isTrue();
        List<String> argv = compinitFirst
            ? List.of("zsh", BASEDIR.resolve("src/test/shell/zsh-complete.zsh").toString(), "--compinit", script.toString(), line)
            : List.of("zsh", BASEDIR.resolve("src/test/shell/zsh-complete.zsh").toString(), script.toString(), line);
        Shell.Result result = Shell.run(zdotdir, Map.of("ZDOTDIR", zdotdir.toString(), "HOME", zdotdir.toString()), 90, argv);
        assertThat(result.exitCode()).as("zsh completion of '%s': %s", line, result.err()).isZero();
        return candidates(result.out());
    }

    private static List<String> candidates(String out) {
        return Arrays.stream(out.split("\n")).filter(candidate -> !candidate.isBlank()).toList();
    }
}
