package dev.rollback.migrations;

import dev.rollback.adapters.git.GitRepository;
import dev.rollback.adapters.sql.SqlParser;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check-migrations}: the migration files changed between two commits ({@link ChangedMigrations}:
 * moved ones are not new), read from git's object store (the work tree is not touched), each
 * statement parsed and classified, in the order the migration tools apply them.
 */
public final class MigrationCheck {
    /**
     * @param workdirPrefix  the workdir relative to the repository's top ("" when it is the top)
     * @param paths          {@code migrations.paths}
     * @param largeTableRows {@code migrations.large-table-rows}
     */
    public record Inputs(GitRepository git, String workdirPrefix, MigrationPaths paths, SqlParser parser,
                         TableSizes sizes, long largeTableRows) {
    }

    private final Inputs in;
    private final MigrationNames names;

    public MigrationCheck(Inputs in) {
        this.in = in;
        this.names = new MigrationNames(in.workdirPrefix(), in.paths());
    }

    /** @param from the older commit (full SHA), @param to the newer one */
    public MigrationReport run(String from, String to) {
        FileAnalysis analysis = new FileAnalysis(in.parser(), new Classifier(in.sizes(), in.largeTableRows()));
        ChangedMigrations.Found found = new ChangedMigrations(in.git(), names).between(from, to);
        List<FileReport> files = new ArrayList<>();
        for (MigrationFile file : found.files()) {
            files.add(analysis.analyze(file));
        }
        return MigrationReport.of(from, to, files, found.skipped());
    }
}
