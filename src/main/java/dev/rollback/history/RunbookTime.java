package dev.rollback.history;

import java.util.Arrays;
import java.util.Optional;

/**
 * The runbook's recovery-time table ("Recovery Time Summary", docs/runbook/README.md): what each level typically
 * takes. {@code typicalSeconds} is the upper end of the runbook's figure, the mark a measured
 * median is held against.
 */
public enum RunbookTime {
    LEVEL_1(1, "Dokploy Redeploy", "2 min", 120),
    LEVEL_2(2, "Git Revert", "5 min", 300),
    LEVEL_3(3, "Database Restore", "15-30 min", 1800),
    LEVEL_4(4, "Full Infrastructure", "1+ hour", 3600);

    private final int level;
    private final String method;
    private final String typical;
    private final long typicalSeconds;

    RunbookTime(int level, String method, String typical, long typicalSeconds) {
        this.level = level;
        this.method = method;
        this.typical = typical;
        this.typicalSeconds = typicalSeconds;
    }

    public int level() {
        return level;
    }

    public String method() {
        return method;
    }

    public String typical() {
        return typical;
    }

    public long typicalSeconds() {
        return typicalSeconds;
    }

    public static Optional<RunbookTime> of(int level) {
        return Arrays.stream(values()).filter(t -> t.level == level).findFirst();
    }
}
