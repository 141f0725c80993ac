package dev.rollback.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fault matrix report: every (command, fault, invariant, result) a fault test checked, written
 * to {@code target/fault-matrix.md} after each test class (the file holds every class run in this
 * JVM), with each class's wall time. {@code docs/reliability.md} keeps a copy of the table.
 */
public final class FaultMatrix implements BeforeAllCallback, AfterAllCallback {
    static final Path REPORT = Path.of("target", "fault-matrix.md");

    /** One checked invariant of one fault case. */
    record Row(String command, String fault, String invariant, String result) {
    }

    private static final List<Row> ROWS = new ArrayList<>();
    private static final Map<String, Long> WALL_MS = new LinkedHashMap<>();
    private static final Map<String, Long> STARTED = new LinkedHashMap<>();
    private static final List<String> COMMANDS = List.of("redeploy", "db-restore", "recreate", "blue-green");
    private static long firstStart;
    private static long lastEnd;

    static synchronized void record(String command, String fault, String invariant, String result) {
        ROWS.add(new Row(command, fault, invariant, result.replace("|", "\\|").replace("\n", " ")));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (FaultMatrix.class) {
            if (STARTED.isEmpty()) {
                firstStart = System.nanoTime();
            }
            STARTED.put(context.getRequiredTestClass().getSimpleName(), System.nanoTime());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName();
        synchronized (FaultMatrix.class) {
            lastEnd = System.nanoTime();
            WALL_MS.put(name, (lastEnd - STARTED.get(name)) / 1_000_000);
            write();
        }
    }

    private static void write() {
        StringBuilder md = new StringBuilder("| command | fault | invariant | result |\n|---|---|---|---|\n");
        List<Row> rows = new ArrayList<>(ROWS);   // classes run side by side: group them by command
        rows.sort(java.util.Comparator.comparingInt(row -> COMMANDS.indexOf(row.command())));
        for (Row row : rows) {
            md.append("| ").append(row.command()).append(" | ").append(row.fault()).append(" | ")
                .append(row.invariant()).append(" | ").append(row.result()).append(" |\n");
        }
        md.append("\nWall time per test class (stack set-up included): ");
        WALL_MS.forEach((test, ms) -> md.append(test).append(' ').append(ms / 1000).append(" s; "));
        md.append("the matrix, side by side: ").append((lastEnd - firstStart) / 1_000_000_000).append(" s.\n");
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
