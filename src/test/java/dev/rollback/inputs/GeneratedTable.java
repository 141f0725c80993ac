package dev.rollback.inputs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Markdown table written by tests into {@code target/}: each test class writes its own fragment
 * ({@code target/<name>/<part>.md}), and the whole table ({@code target/<name>.md}) is rebuilt from
 * every fragment present, so unit tests and integration tests (two Maven phases) add to one table.
 */
public final class GeneratedTable {
    private final String name;
    private final String title;
    private final String header;
    private final String part;
    private final List<String> rows = new ArrayList<>();

    /** {@code columns}: the header cells; {@code part}: this test class's fragment. */
    public GeneratedTable(String name, String title, String part, String... columns) {
        this.name = name;
        this.title = title;
        this.part = part;
        this.header = "| " + String.join(" | ", columns) + " |\n|" + "---|".repeat(columns.length) + "\n";
    }

    /** A row; rows are sorted by {@code sortKey}, then by their text. */
    public synchronized void add(String sortKey, String... cells) {
        List<String> escaped = Stream.of(cells).map(GeneratedTable::cell).toList();
        rows.add(sortKey + "\t| " + String.join(" | ", escaped) + " |");
    }

    public synchronized int size() {
        return rows.size();
    }

    /** A code span that may itself hold backticks. */
    public static String code(String text) {
        return "`` " + text + " ``";
    }

    /** Writes this fragment, then the whole table. */
    public synchronized void write() {
        Path target = Path.of(System.getProperty("rollback.basedir", ".")).resolve("target");
        Path fragments = target.resolve(name);
        try {
            Files.createDirectories(fragments);
            Files.writeString(fragments.resolve(part + ".md"), rows.stream().sorted()
                .map(row -> row.substring(row.indexOf('\t') + 1) + "\n").collect(Collectors.joining()));
            StringBuilder table = new StringBuilder(title).append("\n\n").append(header);
            try (Stream<Path> parts = Files.list(fragments)) {
                for (Path fragment : parts.sorted().toList()) {
                    table.append(Files.readString(fragment));
                }
            }
            Files.writeString(target.resolve(name + ".md"), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table cell: one line, pipes escaped, code spans for what a user types or reads. */
    private static String cell(String text) {
        return text.replace("\r", "").replace("\n", " ⏎ ").replace("|", "\\|");
    }
}
