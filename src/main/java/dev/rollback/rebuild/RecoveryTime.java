package dev.rollback.rebuild;

/**
 * How long one level 4 run took against the runbook's estimate ("Full Infrastructure: ~1 hour or more").
 *
 * @param percentOfEstimate one decimal
 */
public record RecoveryTime(long measuredMs, String runbookEstimate, long runbookEstimateMs, double percentOfEstimate,
                           boolean withinEstimate) {

    static RecoveryTime of(long measuredMs, String runbookEstimate, long runbookEstimateMs) {
        return new RecoveryTime(measuredMs, runbookEstimate, runbookEstimateMs,
            Math.round(100.0 * measuredMs / runbookEstimateMs * 10) / 10.0, measuredMs <= runbookEstimateMs);
    }
}
