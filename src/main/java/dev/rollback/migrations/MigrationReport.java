package dev.rollback.migrations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every migration file changed between two commits, each statement classified, and the verdict;
 * with the files seen but not analysed ({@link SkippedFile}), which do not count towards it.
 */
public record MigrationReport(String from, String to, List<FileReport> files, List<SkippedFile> skipped,
                              Outcome verdict) {
    public MigrationReport {
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }

    static MigrationReport of(String from, String to, List<FileReport> files, List<SkippedFile> skipped) {
        return new MigrationReport(from, to, files, skipped,
            Outcome.of(findings(files).stream().map(Finding::verdict).toList()));
    }

    private static List<Finding> findings(List<FileReport> files) {
        return files.stream().flatMap(f -> f.statements().stream()).toList();
    }

    /** safe / dangerous / review → how many statements. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Verdict verdict : Verdict.values()) {
            counts.put(verdict.wire(), findings(files).stream().filter(f -> f.verdict() == verdict).count());
        }
        return counts;
    }

    /** "V3__drop.sql:1 drop-column, 14_add_link/migration.sql:2 alter-column-type, ..." for the findings of one verdict (at most five named). */
    public String where(Verdict verdict) {
        List<String> places = files.stream().flatMap(file -> file.statements().stream()
                .filter(f -> f.verdict() == verdict)
                .map(f -> MigrationNames.shortName(file.path()) + ":" + f.line() + " " + f.kind()))
            .toList();
        String shown = places.stream().limit(5).collect(Collectors.joining(", "));
        return places.size() > 5 ? shown + " and " + (places.size() - 5) + " more" : shown;
    }
}
