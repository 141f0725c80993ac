package dev.rollback.migrations;

import java.util.List;
import java.util.Map;

/**
 * {@code check-migrations}' result.
 *
 * @param verdict as {@link Outcome#wire()} says it
 * @param counts  safe / dangerous / review → how many statements
 */
public record MigrationsResult(String verdict, Map<String, Long> counts, List<FileReport> files) {
    public MigrationsResult {
        files = List.copyOf(files);
    }

    static MigrationsResult of(MigrationReport report) {
        return new MigrationsResult(report.verdict().wire(), report.counts(), report.files());
    }
}
