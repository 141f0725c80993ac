package dev.rollback.migrations;

import java.util.List;
import java.util.Map;

/**
 * {@code check-migrations}' result.
 *
 * @param verdict as {@link Outcome#wire()} says it
 * @param counts  safe / dangerous / review → how many statements
 * @param skipped files that look like migrations but were not analysed, with why
 */
public record MigrationsResult(String verdict, Map<String, Long> counts, List<FileReport> files,
                               List<SkippedFile> skipped) {
    public MigrationsResult {
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }

    static MigrationsResult of(MigrationReport report) {
        return new MigrationsResult(report.verdict().wire(), report.counts(), report.files(), report.skipped());
    }
}
