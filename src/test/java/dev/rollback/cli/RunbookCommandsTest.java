package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.rollback.core.Interruption;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code rollback …} command on the runbook pages (code blocks and inline code) is parsed by
 * the real command line: a renamed option or command breaks this test, not an operator at 3 a.m.
 */
class RunbookCommandsTest {
    private static final Pattern INLINE = Pattern.compile("`(rollback [^`]+)`");

    @Test
    void everyCommandOnTheRunbookPagesParses() throws IOException {
        List<String> commands = commands();

        assertThat(commands).hasSizeGreaterThan(40);
        for (String command : commands) {
            String[] args = Arrays.stream(command.split("\\s+")).skip(1).toArray(String[]::new);
            assertThatCode(() -> commandLine().parseArgs(args)).as(command).doesNotThrowAnyException();
        }
    }

    @Test
    void everyLevelAndStrategyHasAPage() {
        assertThat(Path.of("docs/runbook")).isDirectoryContaining("glob:**/level1.md")
            .isDirectoryContaining("glob:**/level4.md").isDirectoryContaining("glob:**/strategies.md");
    }

    private static List<String> commands() throws IOException {
        List<String> commands = new ArrayList<>();
        try (Stream<Path> pages = Files.list(Path.of("docs/runbook"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                boolean inBlock = false;
                for (String line : Files.readAllLines(page)) {
                    if (line.startsWith("```")) {
                        inBlock = !inBlock;
                    } else if (inBlock && line.startsWith("rollback ")) {
                        commands.add(line.replaceAll("\\s+#.*$", "").strip());
                    } else if (!inBlock) {
                        Matcher inline = INLINE.matcher(line);
                        while (inline.find()) {
                            commands.add(inline.group(1).strip());
                        }
                    }
                }
            }
        }
        return commands;
    }

    private static picocli.CommandLine commandLine() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return Cli.commandLine(new AppContext(Map.of(), sink, sink, (command, destructive, answer) -> false,
            Interruption.manual(), CliRunner.unreachable(), Clock.systemUTC()));
    }
}
