package dev.rollback.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the spec asks of every bad input: the exit code it names, exactly one clear line on stderr
 * (no stack trace, no second line), and nothing changed. A refused run may add its one journal
 * line (the spec journals every run), never a succeeded one.
 */
final class BadInputRules {
    private static final String STACK_FRAME = "\tat ";
    private static final java.util.regex.Pattern PROGRESS = java.util.regex.Pattern.compile("^(\\[\\d+/\\d+\\] |    failed: |undo )");

    private BadInputRules() {
    }

    /** The one line on stderr; fails unless stderr is exactly one line starting with "rollback: ". */
    static String oneClearLine(String err, String out) {
        List<String> lines = err.lines().toList();
        assertThat(lines).as("stderr must be exactly one line:%n%s", err).hasSize(1);
        String line = lines.get(0);
        assertThat(line).as("the line names the tool").startsWith("rollback: ");
        assertThat(line).as("a message, not Java class names").doesNotContainPattern("\\b(java|javax|dev|com|org)\\.[a-z]+\\.");
        assertThat(line.length()).as("one readable line").isBetween(20, 400);
        assertThat(err + out).as("no stack trace anywhere").doesNotContain(STACK_FRAME).doesNotContain("Caused by:");
        return line;
    }

    /**
     * As {@link #oneClearLine}, for a run that got past its checks: the executor's progress lines
     * ({@code [2/4] step}, {@code     failed: ...}, {@code undo step}) come first, then the one line.
     */
    static String oneClearLineAfterProgress(String err, String out) {
        String rest = err.lines().filter(line -> !PROGRESS.matcher(line).find())
            .map(line -> line + "\n").collect(java.util.stream.Collectors.joining());
        return oneClearLine(rest, out + err);
    }

    /** Nothing under the tree changed, the journal aside (see {@link #journalGrewByARefusalAtMost}). */
    static void nothingChanged(TreeState before, TreeState after) {
        assertThat(after.entries()).as("files under the workdir, state and backups dirs").isEqualTo(before.entries());
    }

    /** The journal is unchanged, or has one more line: this run, not succeeded, with this exit code. */
    static void journalGrewByARefusalAtMost(List<String> before, List<String> after, int exitCode) {
        assertThat(after.subList(0, Math.min(before.size(), after.size()))).isEqualTo(before);
        assertThat(after.size() - before.size()).as("journal lines added").isBetween(0, 1);
        if (after.size() > before.size()) {
            JsonNode entry = parse(after.get(after.size() - 1));
            assertThat(entry.path("status").asText()).isIn("refused", "failed");
            assertThat(entry.path("error").path("exitCode").asInt()).isEqualTo(exitCode);
        }
    }

    static List<String> journalLines(Path stateDir) {
        Path journal = stateDir.resolve("journal.jsonl");
        try {
            return Files.exists(journal) ? Files.readAllLines(journal) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("journal line is not JSON: " + line, e);
        }
    }
}
