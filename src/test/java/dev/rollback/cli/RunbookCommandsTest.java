package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.rollback.core.Interruption;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every {@code rollback …} command on the runbook pages (code blocks and inline code) is parsed by
 * the real command line: a renamed option or command breaks this test, not an operator at 3 a.m.
 * {@code RunbookWalkthroughE2EIT} runs each of them against a live stack.
 */
class RunbookCommandsTest {
    @Test
    void everyCommandOnTheRunbookPagesParses() {
        List<RunbookPages.Command> commands = RunbookPages.commands();

        assertThat(commands).hasSizeGreaterThan(40);
        for (RunbookPages.Command command : commands) {
            assertThatCode(() -> commandLine().parseArgs(command.args())).as(command.line())
                .doesNotThrowAnyException();
        }
    }

    @Test
    void everyLevelAndStrategyHasAPage() {
        assertThat(Path.of("docs/runbook")).isDirectoryContaining("glob:**/level1.md")
            .isDirectoryContaining("glob:**/level4.md").isDirectoryContaining("glob:**/strategies.md");
    }

    private static picocli.CommandLine commandLine() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return Cli.commandLine(new AppContext(Map.of(), sink, sink, (command, destructive, answer) -> false,
            Interruption.manual(), CliRunner.unreachable(), Clock.systemUTC()));
    }
}
