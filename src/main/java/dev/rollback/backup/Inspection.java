package dev.rollback.backup;

import java.util.List;

/**
 * What {@link DumpInspector} found: the format, whether the dump is complete (safe to restore),
 * the reason when it is not, and the tables it holds data for when the format tells.
 */
public record Inspection(BackupFormat format, boolean complete, String problem, List<String> tables) {
    public Inspection {
        tables = List.copyOf(tables);
    }

    static Inspection complete(BackupFormat format, List<String> tables) {
        return new Inspection(format, true, null, tables);
    }

    static Inspection incomplete(BackupFormat format, String problem) {
        return new Inspection(format, false, problem, List.of());
    }
}
