package dev.rollback.migrations;

import dev.rollback.adapters.git.GitRepository;
import dev.rollback.adapters.sql.SqlParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code check-migrations}: the migration files changed between two commits, read from git's
 * object store (the work tree is not touched), each statement parsed and classified, in the order
 * the migration tools apply them.
 */
public final class MigrationCheck {
    /**
     * @param workdirPrefix  the workdir relative to the repository's top ("" when it is the top)
     * @param globs          {@code migrations.paths}, relative to the workdir
     * @param largeTableRows {@code migrations.large-table-rows}
     */
    public record Inputs(GitRepository git, String workdirPrefix, List<String> globs, SqlParser parser,
                         TableSizes sizes, long largeTableRows) {
    }

    private final Inputs in;
    private final MigrationNames names;

    public MigrationCheck(Inputs in) {
        this.in = in;
        this.names = new MigrationNames(in.workdirPrefix(), in.globs());
    }

    /** @param from the older commit (full SHA), @param to the newer one */
    public MigrationReport run(String from, String to) {
        FileAnalysis analysis = new FileAnalysis(in.parser(), new Classifier(in.sizes(), in.largeTableRows()));
        List<FileReport> files = new ArrayList<>();
        for (MigrationFile file : files(from, to)) {
            files.add(analysis.analyze(file));
        }
        return MigrationReport.of(from, to, files);
    }

    private List<MigrationFile> files(String from, String to) {
        List<MigrationFile> files = new ArrayList<>();
        for (String path : in.git().changedPaths(from, to)) {
            if (MigrationNames.isUndo(path)) {
                continue;
            }
            boolean configured = names.underConfiguredPaths(path);
            if (!MigrationNames.isSql(path)) {
                if (configured && MigrationNames.isOtherFormat(path)) {
                    files.add(new MigrationFile(path, MigrationFile.Format.OTHER, Optional.empty(), read(to, path)));
                }
                continue;
            }
            Optional<String> before = read(from, path);
            Optional<String> after = read(to, path);
            String content = after.or(() -> before).orElse("");
            if (LiquibaseChangelog.isChangelog(content)) {
                files.add(new MigrationFile(path, MigrationFile.Format.LIQUIBASE, before, after));
            } else if (MigrationNames.isFlyway(path)) {
                files.add(new MigrationFile(path, MigrationFile.Format.FLYWAY, before, after));
            } else if (configured || MigrationNames.namedLikeMigration(path)) {
                files.add(new MigrationFile(path, MigrationFile.Format.PLAIN, before, after));
            }
        }
        files.sort(Comparator.comparing(f -> MigrationNames.fileName(f.path()), new NaturalOrder()));
        return files;
    }

    private Optional<String> read(String commit, String path) {
        return in.git().readFile(commit, path).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }
}
