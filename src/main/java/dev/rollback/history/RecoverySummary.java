package dev.rollback.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per runbook level: how long our successful rollbacks took (median over how many runs) against
 * the runbook's typical time, e.g. "Level 1 (Dokploy Redeploy): 2 min typical — ours: median 14 s
 * over 3 runs".
 *
 * <p>Drills ({@code rollback drill}) are counted apart: their measured restore time, not the
 * whole run, beside the runbook's figure, e.g. "drills: median restore 0.3 s over 1 drill".
 *
 * @param medianSeconds      null when no run of this level was measured
 * @param drills             successful drills of this level with a measured restore time
 * @param drillMedianSeconds their median restore time, or null without one
 */
public record RecoverySummary(int level, String method, String runbookTypical, long runbookSeconds, int measuredRuns,
                              Double medianSeconds, int drills, Double drillMedianSeconds, String line) {

    static List<RecoverySummary> of(List<JournalEntry> entries) {
        List<RecoverySummary> summary = new ArrayList<>();
        for (RunbookTime time : RunbookTime.values()) {
            List<Long> durations = entries.stream().filter(JournalEntry::measuredRecovery)
                .filter(e -> e.level() == time.level()).map(JournalEntry::durationMs).sorted().toList();
            Double median = durations.isEmpty() ? null : median(durations) / 1000.0;
            List<Long> restores = entries.stream().filter(JournalEntry::measuredDrill)
                .filter(e -> e.level() == time.level()).map(JournalEntry::restoreMs).sorted().toList();
            Double drillMedian = restores.isEmpty() ? null : median(restores) / 1000.0;
            summary.add(new RecoverySummary(time.level(), time.method(), time.typical(), time.typicalSeconds(),
                durations.size(), median, restores.size(), drillMedian,
                line(time, durations.size(), median) + drills(time, restores.size(), drillMedian)));
        }
        return summary;
    }

    /** The middle value; for an even count, the mean of the two middle ones. */
    static double median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static String line(RunbookTime time, int runs, Double median) {
        String head = "Level " + time.level() + " (" + time.method() + "): " + time.typical() + " typical";
        if (median == null) {
            return head + " — ours: no measured run yet";
        }
        String verdict = median <= time.typicalSeconds() ? "within" : "SLOWER than";
        return head + " — ours: median " + seconds(median) + " over " + runs + " run" + (runs == 1 ? "" : "s")
            + " (" + verdict + " the runbook)";
    }

    private static String drills(RunbookTime time, int drills, Double median) {
        if (median == null) {
            return "";
        }
        String verdict = median <= time.typicalSeconds() ? "within" : "SLOWER than";
        return "; drills: median restore " + seconds(median) + " over " + drills + " drill" + (drills == 1 ? "" : "s")
            + " (" + verdict + " the runbook)";
    }

    static String seconds(double seconds) {
        if (seconds < 100) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        return seconds < 5400 ? String.format(Locale.ROOT, "%.1f min", seconds / 60) : String.format(Locale.ROOT,
            "%.1f h", seconds / 3600);
    }
}
