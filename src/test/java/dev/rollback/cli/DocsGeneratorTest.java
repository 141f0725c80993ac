package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsGeneratorTest {
    @TempDir
    Path target;

    @Test
    void writesOneManPagePerCommandAndTheCompletionScripts() throws Exception {
        DocsGenerator.main(new String[] {target.toString(), "9.9.9"});

        assertThat(Files.list(target.resolve("man")).map(p -> p.getFileName().toString()))
            .contains("rollback.1", "rollback-redeploy.1", "rollback-db-restore.1", "rollback-blue-green.1",
                "rollback-release-record.1", "rollback-check-migrations.1", "rollback-drill.1", "rollback-watch.1")
            .doesNotContain("rollback-level1.1");
        String bash = Files.readString(target.resolve("completion/rollback.bash"));
        assertThat(bash).contains("complete -F _complete_rollback", "level3", "--no-color", "--backup", "watch",
            "--failures", "drill", "--max-age");
        assertThat(Files.readString(target.resolve("completion/rollback.zsh"))).contains("bashcompinit");
    }

    @Test
    void theRootPageHasTheGlobalOptionsExitCodesAndEnvironment() throws Exception {
        DocsGenerator.main(new String[] {target.toString(), "9.9.9"});
        String page = Files.readString(target.resolve("man/rollback.1"));

        assertThat(page).startsWith(".TH \"ROLLBACK\" \"1\"").contains("9.9.9", ".SH OPTIONS", "\\-\\-no\\-color",
            ".SH EXIT STATUS", "NO_COLOR", ".SH COMMANDS", "rollback\\-db\\-restore(1)");
        assertThat(Files.readString(target.resolve("man/rollback-db-restore.1")))
            .contains("Alias: level3.", "\\-\\-backup", ".SH GLOBAL OPTIONS");
    }

    @Test
    void everyPageRendersWithoutRoffWarnings() throws Exception {
        DocsGenerator.main(new String[] {target.toString(), "9.9.9"});
        try (var pages = Files.list(target.resolve("man"))) {
            for (Path page : pages.toList()) {
                assertThat(RoffCheck.warnings(page)).as(page.getFileName().toString()).isEmpty();
            }
        }
    }

    /** groff's own warnings when groff is installed; otherwise the structure man(7) needs. */
    static final class RoffCheck {
        static String warnings(Path page) throws Exception {
            if (Files.isExecutable(Path.of("/usr/bin/groff"))) {
                Process groff = new ProcessBuilder(List.of("groff", "-man", "-Tutf8", "-ww", "-z", page.toString()))
                    .redirectErrorStream(true).start();
                String output = new String(groff.getInputStream().readAllBytes());
                assertThat(groff.waitFor(30, TimeUnit.SECONDS)).isTrue();
                return groff.exitValue() == 0 ? output : "exit " + groff.exitValue() + ": " + output;
            }
            String text = Files.readString(page);
            return text.startsWith(".TH ") && text.contains("\n.SH NAME\n") && text.contains("\n.SH SYNOPSIS\n")
                ? "" : "not a man(7) page";
        }
    }
}
