package dev.rollback.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code rollback …} commands on the runbook pages ({@code docs/runbook/*.md}): lines of code
 * blocks that start with {@code rollback } (a trailing {@code # comment} dropped) and inline code
 * spans that start with {@code rollback }. One place for the rule, so the test that parses them
 * ({@link RunbookCommandsTest}) and the one that runs them ({@code RunbookWalkthroughE2EIT}) see the
 * same commands.
 */
public final class RunbookPages {
    private static final Pattern INLINE = Pattern.compile("`(rollback [^`]+)`");

    /** A command as a page shows it, and the page (file name) it is on. */
    public record Command(String line, String page) {
        /** The arguments after {@code rollback}. */
        public String[] args() {
            return Stream.of(line.split("\\s+")).skip(1).toArray(String[]::new);
        }
    }

    private RunbookPages() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("rollback.basedir", ".")).resolve("docs/runbook");
    }

    /** Every occurrence, pages in name order, each page top to bottom. */
    public static List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        try (Stream<Path> pages = Files.list(dir())) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String name = page.getFileName().toString();
                boolean inBlock = false;
                for (String line : Files.readAllLines(page)) {
                    if (line.startsWith("```")) {
                        inBlock = !inBlock;
                    } else if (inBlock && line.startsWith("rollback ")) {
                        commands.add(new Command(line.replaceAll("\\s+#.*$", "").strip(), name));
                    } else if (!inBlock) {
                        Matcher inline = INLINE.matcher(line);
                        while (inline.find()) {
                            commands.add(new Command(inline.group(1).strip(), name));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commands;
    }

    /** Each distinct command line, in the order of its first occurrence, with the pages it is on. */
    public static Map<String, List<String>> distinct() {
        Map<String, List<String>> pages = new LinkedHashMap<>();
        for (Command command : commands()) {
            List<String> on = pages.computeIfAbsent(command.line(), line -> new ArrayList<>());
            if (!on.contains(command.page())) {
                on.add(command.page());
            }
        }
        return pages;
    }
}
