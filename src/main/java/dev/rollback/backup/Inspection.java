package dev.rollback.backup;

import dev.rollback.adapters.postgres.LinesToSkip;
import java.util.List;

/**
 * What {@link DumpInspector} found: the format, whether the dump is complete (safe to restore),
 * the reason when it is not, and the tables it holds data for when the format tells.
 *
 * <p>{@code hostile}: a plain dump holds something psql must not run (a meta-command, a statement
 * about the whole server); {@code problem} then names the file, the line and what was found.
 * {@code linesToSkip}: the lines of a plain dump that never reach psql (pg_dump's own
 * {@code \restrict} lines, the database-level statements of {@code --create}/{@code --clean}).
 * {@code database}: the database the dump says it holds, when it says so (a {@code --create}
 * dump, an archive's table of contents), else null. {@code clean}: a {@code --clean} dump.
 */
public record Inspection(BackupFormat format, boolean complete, String problem, List<String> tables,
                         boolean hostile, LinesToSkip linesToSkip, String database, boolean clean) {
    public Inspection {
        tables = List.copyOf(tables);
    }

    static Inspection complete(BackupFormat format, List<String> tables) {
        return new Inspection(format, true, null, tables, false, LinesToSkip.none(), null, false);
    }

    static Inspection incomplete(BackupFormat format, String problem) {
        return new Inspection(format, false, problem, List.of(), false, LinesToSkip.none(), null, false);
    }

    static Inspection hostile(BackupFormat format, String problem) {
        return new Inspection(format, false, problem, List.of(), true, LinesToSkip.none(), null, false);
    }

    Inspection withDatabase(String name) {
        return new Inspection(format, complete, problem, tables, hostile, linesToSkip, name, clean);
    }
}
