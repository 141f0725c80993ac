package dev.rollback.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * One man page (roff, man(7) macros) written straight from a command's picocli model: name,
 * synopsis, description, options, subcommands. Direct roff rather than picocli-codegen's AsciiDoc,
 * which needs Asciidoctor (a Ruby toolchain) to become a man page; this keeps the build offline.
 */
final class ManPage {
    private final CommandSpec spec;
    private final String version;
    private final StringBuilder roff = new StringBuilder();

    ManPage(CommandSpec spec, String version) {
        this.spec = spec;
        this.version = version;
    }

    /** The file name: {@code rollback.1}, {@code rollback-redeploy.1}, {@code rollback-release-record.1}. */
    static String fileName(CommandSpec spec) {
        return spec.qualifiedName("-") + ".1";
    }

    String render(List<String> extraSections) {
        String name = spec.qualifiedName("-");
        macro(".TH", name.toUpperCase(Locale.ROOT), "1", "", "rollback " + version, "rollback manual");
        section("NAME");
        roff.append(escape(name)).append(" \\- ").append(escape(summary(spec))).append('\n');
        section("SYNOPSIS");
        roff.append(".nf\n");
        synopsis().lines().forEach(line -> roff.append(escape(line)).append('\n'));
        roff.append(".fi\n");
        section("DESCRIPTION");
        description();
        if (spec.aliases().length > 0) {
            paragraph("Alias: " + String.join(", ", spec.aliases()) + ".");
        }
        parameters();
        options(ownOptions());
        if (spec.parent() != null) {
            section("GLOBAL OPTIONS");
            text("Every global option of rollback(1) applies too: -c/--config, --dry-run, -y/--yes, "
                + "-o/--output, -v/--verbose, -q/--quiet, --no-color.");
        }
        commands();
        extraSections.forEach(raw -> roff.append(raw));
        section("SEE ALSO");
        text(seeAlso());
        return roff.toString();
    }

    /**
     * The one-sentence summary: the command's header (what {@code --help} lists it with), or for the
     * root, which has none, its description's first sentence.
     */
    private static String summary(CommandSpec command) {
        String[] header = command.usageMessage().header();
        if (header.length > 0) {
            return header[0];
        }
        String all = String.join(" ", command.usageMessage().description()).strip();
        int end = all.indexOf(". ");
        String first = end < 0 ? all : all.substring(0, end + 1);
        return first.isEmpty() ? command.name() : first;
    }

    /** One paragraph per description element: each is a paragraph that picocli wraps in --help. */
    private void description() {
        List<String> paragraphs = Arrays.stream(spec.usageMessage().description())
            .map(String::strip).filter(p -> !p.isEmpty()).toList();
        for (int i = 0; i < paragraphs.size(); i++) {
            if (i == 0) {
                text(paragraphs.get(i));
            } else {
                paragraph(paragraphs.get(i));
            }
        }
    }

    private String synopsis() {
        CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        return help.synopsis(0).stripTrailing();
    }

    private void parameters() {
        List<PositionalParamSpec> positionals = spec.positionalParameters().stream()
            .filter(p -> !p.hidden()).toList();
        if (positionals.isEmpty()) {
            return;
        }
        section("ARGUMENTS");
        for (PositionalParamSpec positional : positionals) {
            item(positional.paramLabel(), describe(positional.description(), positional.defaultValueString(), null));
        }
    }

    private List<OptionSpec> ownOptions() {
        return spec.options().stream().filter(o -> !o.hidden() && !o.inherited()).toList();
    }

    private void options(List<OptionSpec> options) {
        if (options.isEmpty()) {
            return;
        }
        section("OPTIONS");
        for (OptionSpec option : options) {
            String label = String.join(", ", option.names())
                + (option.typeInfo().isBoolean() ? "" : " " + option.paramLabel());
            item(label, describe(option.description(), option.defaultValueString(), option.completionCandidates()));
        }
    }

    private void commands() {
        Set<CommandSpec> children = subcommands();
        if (children.isEmpty()) {
            return;
        }
        section("COMMANDS");
        for (CommandSpec child : children) {
            String aliases = child.aliases().length == 0 ? "" : " (" + String.join(", ", child.aliases()) + ")";
            item(child.name() + aliases, summary(child) + " See " + child.qualifiedName("-") + "(1).");
        }
    }

    /** Each subcommand once (picocli lists a command under its name and under every alias). */
    Set<CommandSpec> subcommands() {
        return spec.subcommands().values().stream().map(CommandLine::getCommandSpec)
            .filter(child -> !child.usageMessage().hidden())
            .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private String seeAlso() {
        List<String> pages = new ArrayList<>();
        if (spec.parent() != null) {
            pages.add(spec.parent().qualifiedName("-") + "(1)");
        }
        subcommands().forEach(child -> pages.add(child.qualifiedName("-") + "(1)"));
        return pages.isEmpty() ? "rollback(1)" : String.join(", ", pages);
    }

    private static String describe(String[] description, String defaultValue, Iterable<String> candidates) {
        String text = String.join(" ", description).strip();
        if (candidates != null) {
            List<String> values = new ArrayList<>();
            candidates.forEach(values::add);
            text = text.replace("${COMPLETION-CANDIDATES}", String.join(", ", values));
        }
        return text.replace("${DEFAULT-VALUE}", String.valueOf(defaultValue));
    }

    private void section(String title) {
        roff.append(".SH ").append(title).append('\n');
    }

    private void item(String term, String description) {
        roff.append(".TP\n").append("\\fB").append(escape(term)).append("\\fR\n");
        text(description);
    }

    private void paragraph(String text) {
        roff.append(".PP\n");
        text(text);
    }

    private void text(String text) {
        roff.append(escape(text)).append('\n');
    }

    private void macro(String name, String... args) {
        roff.append(name);
        for (String arg : args) {
            roff.append(" \"").append(arg.replace("\"", "'")).append('"');
        }
        roff.append('\n');
    }

    /** Roff-safe text: backslashes and hyphens escaped, no line starting with a control character. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
