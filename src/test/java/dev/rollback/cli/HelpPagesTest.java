package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.Interruption;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every help page, rendered from the command tree {@link Cli#commandLine} builds for {@code main},
 * at the width a user without a terminal gets (80 columns). Each rule is written so it would have
 * caught a defect help once had: commands listed with summaries cut mid-sentence ("verify
 * Post-rollback verification: every service's containers running, healthchecks healthy,"), and
 * descriptions broken by hand inside a sentence ("restore into a scratch / database"), which
 * picocli prints as written because every element of a description array is a line of its own.
 * Every rule reports every page that breaks it, not just the first.
 */
class HelpPagesTest {
    /** One sentence: a capital (or digit) first, a full stop last, no sentence boundary between. */
    private static final Pattern ONE_SENTENCE = Pattern.compile("[A-Z0-9][^\\n]*[^.!?\\s][.!?]");
    private static final Pattern SENTENCE_BOUNDARY = Pattern.compile("[.!?]\\s");
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.:!?]$");

    @Test
    void everyPageRendersThroughTheRealCommandLineAndNoneSaysSeed() {
        CliRunner cli = new CliRunner().adapters(CliRunner.unreachable());
        List<String> problems = new ArrayList<>();
        for (CommandLine command : everyCommand()) {
            List<String> args = new ArrayList<>(path(command));
            args.add("--help");
            CliRunner.Result page = cli.run(args.toArray(String[]::new));
            String name = command.getCommandSpec().qualifiedName();
            if (page.exitCode() != 0 || page.out().isBlank() || !page.err().isEmpty()) {
                problems.add(name + ": exit " + page.exitCode() + ", stderr " + page.err());
            }
            if (!page.out().contains(command.getHelp().description())) {
                problems.add(name + ": --help does not show the description rendered here");
            }
            // Internal document names ("seed 004", "the seed") mean nothing to a reader of --help.
            if (page.out().toLowerCase(Locale.ROOT).matches("(?s).*\\bseed.*")) {
                problems.add(name + ": mentions a seed");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyCommandIsListedByItsParentWithOneWholeSentenceOnOneLine() {
        List<String> problems = new ArrayList<>();
        for (CommandLine parent : everyCommand()) {
            Set<CommandLine> children = distinct(parent.getSubcommands().values());
            if (children.isEmpty()) {
                continue;
            }
            List<String> rows = parent.getHelp().commandList().lines().filter(l -> !l.isBlank()).toList();
            if (rows.size() != children.size()) {
                problems.add(parent.getCommandName() + ": a summary wraps onto a second line in the command list:\n"
                    + String.join("\n", rows));
            }
            for (CommandLine child : children) {
                String summary = summary(child);
                String name = child.getCommandSpec().qualifiedName();
                if (!ONE_SENTENCE.matcher(summary).matches() || SENTENCE_BOUNDARY.matcher(summary).find()) {
                    problems.add(name + ": summary is not one whole sentence: " + summary);
                }
                if (rows.stream().noneMatch(row -> row.endsWith(" " + summary))) {
                    problems.add(name + ": listed without its whole summary '" + summary + "'");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void descriptionLinesEndMidSentenceOnlyWherePicocliWrappedThemAtTheWidth() {
        List<String> problems = new ArrayList<>();
        for (CommandLine command : everyCommand()) {
            CommandLine.Help help = command.getHelp();
            int width = command.getUsageHelpWidth();
            String name = command.getCommandSpec().qualifiedName();
            handBreaks(help.description(), width).forEach(line -> problems.add(name + ": '" + line + "'"));
            handBreaks(help.footer(), width).forEach(line -> problems.add(name + " footer: '" + line + "'"));
        }
        assertThat(problems).isEmpty();
    }

    /**
     * In the option list picocli starts each element of an option's description on a new line, so
     * an element that ends mid-sentence is a hand-made break there too ("--in-place The seed's
     * behaviour: drop and recreate the live database, then restore / into it").
     */
    @Test
    void everyElementOfAnOptionDescriptionEndsASentence() {
        List<String> problems = new ArrayList<>();
        for (CommandLine command : everyCommand()) {
            Stream.concat(command.getCommandSpec().options().stream(),
                    command.getCommandSpec().positionalParameters().stream())
                .filter(arg -> !arg.inherited())
                .forEach(arg -> Arrays.stream(arg.description())
                    .filter(element -> !SENTENCE_END.matcher(element.strip()).matches())
                    .forEach(element -> problems.add(command.getCommandSpec().qualifiedName() + " "
                        + label(arg) + ": '" + element + "'")));
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Lines of a paragraph that end mid-sentence although the next line's first word would have
     * fitted: picocli did not break there, the annotation did. Picocli wraps at spaces and keeps the
     * last column for the space after a line's last word (measured with picocli 4.7: "or of" at 76
     * columns is followed by "--service" on the next line, never split at its hyphens).
     */
    static List<String> handBreaks(String rendered, int width) {
        List<String> lines = rendered.lines().map(String::stripTrailing).toList();
        List<String> breaks = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String line = lines.get(i);
            String next = lines.get(i + 1).strip();
            if (line.isBlank() || next.isEmpty() || SENTENCE_END.matcher(line).matches()) {
                continue;
            }
            if (line.length() + 1 + next.split("\\s+")[0].length() < width) {
                breaks.add(line);
            }
        }
        return breaks;
    }

    /** What a parent's command list shows: the header, or without one the description's first line. */
    private static String summary(CommandLine command) {
        String[] header = command.getCommandSpec().usageMessage().header();
        String[] description = command.getCommandSpec().usageMessage().description();
        return header.length > 0 ? String.join("\n", header) : description.length > 0 ? description[0] : "";
    }

    private static String label(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    /** The root and every command below it, each once. */
    private static List<CommandLine> everyCommand() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        CommandLine root = Cli.commandLine(new AppContext(Map.of(), sink, sink, (command, destructive, answer) -> false,
            Interruption.manual(), CliRunner.unreachable(), Clock.systemUTC()));
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        all.add(command);
        distinct(command.getSubcommands().values()).forEach(child -> collect(child, all));
    }

    /** Each command once, in order: picocli also files a command under each of its aliases. */
    private static Set<CommandLine> distinct(Collection<CommandLine> commands) {
        return new LinkedHashSet<>(commands);
    }

    /** The words a user types to reach the command: {@code release record} for its page. */
    private static List<String> path(CommandLine command) {
        List<String> words = new ArrayList<>();
        for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
            words.add(0, c.getCommandName());
        }
        return words;
    }
}
