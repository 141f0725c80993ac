package dev.rollback.cli;

import dev.rollback.core.Interruption;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Build-time generator (pom.xml, {@code generate-docs}, package phase): the shell completion and
 * the man pages, from the same picocli model that parses the command line, so they cannot drift.
 * Usage: {@code DocsGenerator TARGET_DIR VERSION} writes {@code TARGET_DIR/completion/} and {@code TARGET_DIR/man/}.
 */
public final class DocsGenerator {
    private DocsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "target");
        String version = args.length > 1 ? args[1] : "development";
        CommandLine cli = commandLine();
        writeCompletion(cli, target.resolve("completion"));
        writeManPages(cli.getCommandSpec(), target.resolve("man"), version);
    }

    /** The real command tree; no adapter is ever called while only its model is read. */
    static CommandLine commandLine() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return Cli.commandLine(new AppContext(Map.of(), sink, sink, (command, destructive, answer) -> false,
            Interruption.manual(), new LiveAdapters(), Clock.systemUTC()));
    }

    /** bash, and zsh through bashcompinit (the script turns it on when it runs under zsh). */
    static void writeCompletion(CommandLine cli, Path dir) throws IOException {
        Files.createDirectories(dir);
        String bash = AutoComplete.bash("rollback", cli);
        Files.writeString(dir.resolve("rollback.bash"), bash, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("rollback.zsh"), "# zsh completion for rollback: add to ~/.zshrc (PREFIX: /usr/local unless installed elsewhere)\n"
            + "#   source PREFIX/share/rollback/completion/rollback.zsh\n"
            + "# (picocli's bash completion; it loads zsh's bashcompinit itself)\n" + bash, StandardCharsets.UTF_8);
    }

    static List<Path> writeManPages(CommandSpec root, Path dir, String version) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        write(root, dir, version, ManSections.root(), written);
        return written;
    }

    private static void write(CommandSpec spec, Path dir, String version, List<String> extra, List<Path> written)
        throws IOException {
        ManPage page = new ManPage(spec, version);
        Path file = dir.resolve(ManPage.fileName(spec));
        Files.writeString(file, page.render(extra), StandardCharsets.UTF_8);
        written.add(file);
        for (CommandSpec child : page.subcommands()) {
            write(child, dir, version, List.of(), written);
        }
    }
}
