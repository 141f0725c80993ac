package dev.rollback.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.config.StackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the platform seam whole: which platform a stack runs on is decided once, in
 * {@code dev.rollback.platform}, and everything else asks the chosen {@link Platform}. A command
 * that compared {@code stack.target} itself would be a second way of dispatching.
 *
 * <p>The rule, over {@code src/main/java}:
 * <ul>
 *   <li>The string literals {@code "compose"}, {@code "swarm"} and {@code "dokploy"} appear only in
 *       the platform package, in {@code core/config/StackConfig} (the config's vocabulary, checked
 *       against the platforms below), and where "compose" is the compose tool rather than a target:
 *       the compose CLI adapter ({@code adapters/docker}, whose argv is {@code docker compose}) and a
 *       report detail naming the compose implementation ({@code detail("compose", ...)}).</li>
 *   <li>{@code stack().target()} is read only in the platform package, so a comparison through a
 *       variable or a constant is caught too.</li>
 * </ul>
 * Identifiers and prose (a class named {@code ComposeStack}, "a Swarm stack" in a comment) are
 * not target names and are not checked.
 */
class TargetNamesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path PLATFORM = SOURCES.resolve("dev/rollback/platform");
    private static final Path STACK_CONFIG = SOURCES.resolve("dev/rollback/core/config/StackConfig.java");
    private static final Path COMPOSE_CLI = SOURCES.resolve("dev/rollback/adapters/docker");
    private static final Pattern TARGET_LITERAL = Pattern.compile("\"(compose|swarm|dokploy)\"");
    private static final Pattern COMPOSE_DETAIL = Pattern.compile("\\.detail\\(\"compose\",");
    private static final Pattern TARGET_READ = Pattern.compile("stack\\(\\)\\s*\\.\\s*target\\(\\)");

    @Test
    void noTargetNameOutsideThePlatformPackage() throws IOException {
        List<String> offending = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (file.startsWith(PLATFORM)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (namesATarget(file, line) || TARGET_READ.matcher(line).find()) {
                    offending.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }

        assertThat(offending).as("ask session.platform() (has, require, stack, ...) instead of comparing"
            + " stack.target; only dev.rollback.platform.Platforms chooses by name").isEmpty();
    }

    @Test
    void everyConfiguredTargetHasAPlatform() {
        assertThat(Platforms.names()).containsExactlyElementsOf(StackConfig.TARGETS);
    }

    @Test
    void theRuleSeesAComparisonByName() {
        Path command = SOURCES.resolve("dev/rollback/cli/SomeCommand.java");

        assertThat(namesATarget(command, "if (\"swarm\".equals(target)) {")).isTrue();
        assertThat(namesATarget(command, "case \"dokploy\" -> plan();")).isTrue();
        assertThat(namesATarget(command, "context.detail(\"compose\", compose.implementation());")).isFalse();
        assertThat(namesATarget(COMPOSE_CLI.resolve("ComposeCli.java"), "List.of(\"docker\", \"compose\")")).isFalse();
        assertThat(TARGET_READ.matcher("switch (config.stack().target()) {").find()).isTrue();
    }

    private static boolean namesATarget(Path file, String line) {
        if (file.equals(STACK_CONFIG)) {
            return false;
        }
        Matcher literal = TARGET_LITERAL.matcher(COMPOSE_DETAIL.matcher(line).replaceAll(""));
        while (literal.find()) {
            boolean composeTool = literal.group(1).equals("compose") && file.startsWith(COMPOSE_CLI);
            if (!composeTool) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }
}
