package dev.rollback.migrations;

import dev.rollback.adapters.git.FileChange;
import dev.rollback.adapters.git.GitRepository;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The migration files a range changed, found with git's rename detection: a migration moved or
 * renamed without changes ran with the older release and is skipped, not analysed as new (a moved
 * {@code 01_init} would otherwise "create" every table inside the range and make later drops of
 * them look safe). Also skipped: files outside {@code migrations.paths} when it is configured, and
 * files for another database. Files are in the order their tools apply them.
 */
final class ChangedMigrations {
    /** The files to analyse, and those seen but not analysed. */
    record Found(List<MigrationFile> files, List<SkippedFile> skipped) {
    }

    private final GitRepository git;
    private final MigrationNames names;

    ChangedMigrations(GitRepository git, MigrationNames names) {
        this.git = git;
        this.names = names;
    }

    Found between(String from, String to) {
        List<MigrationFile> files = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (FileChange gitChange : git.changes(from, to)) {
            FileChange change = asMigrations(gitChange, from, to);
            String path = change.path();
            Optional<MigrationFile.Format> format = format(path,
                () -> change.deleted() ? read(from, change.oldPath()) : read(to, path));
            if (format.isEmpty()) {
                continue;
            }
            Optional<String> before = change.added() ? Optional.empty() : read(from, change.oldPath());
            Optional<String> after = change.deleted() ? Optional.empty() : read(to, path);
            Optional<String> why = whySkipped(change, format.get());
            if (why.isPresent()) {
                skipped.add(new SkippedFile(path, why.get()));
            } else {
                files.add(new MigrationFile(path, format.get(), before, after, change.renamed() ? change.oldPath() : null));
            }
        }
        files.sort(Comparator.comparing(f -> MigrationNames.orderKey(f.path()), new NaturalOrder()));
        return new Found(files, skipped);
    }

    /**
     * A rename as the migrations see it: a migration moved among migrations stays a rename (also
     * when it comes from outside a set {@code migrations.paths}); one moved out of them (or out of
     * the set paths) is deleted from them; any other file moved into them is added.
     */
    private FileChange asMigrations(FileChange change, String from, String to) {
        if (!change.renamed()) {
            return change;
        }
        boolean wasOne = format(change.oldPath(), () -> read(from, change.oldPath())).isPresent()
            && MigrationNames.otherDatabase(change.oldPath()).isEmpty();
        boolean isOne = format(change.newPath(), () -> read(to, change.newPath())).isPresent()
            && (!names.pathsConfigured() || names.underConfiguredPaths(change.newPath()));
        if (wasOne && !isOne) {
            return new FileChange(change.oldPath(), null, 0);
        }
        return wasOne ? change : new FileChange(null, change.newPath(), 0);
    }

    /** How to read the file, or empty when it is not a migration; the content is read only for a .sql file. */
    private Optional<MigrationFile.Format> format(String path, Supplier<Optional<String>> content) {
        if (MigrationNames.isUndo(path)) {
            return Optional.empty();
        }
        boolean configured = names.underConfiguredPaths(path);
        if (!MigrationNames.isSql(path)) {
            boolean other = MigrationNames.codeMigration(path) || configured && MigrationNames.isOtherFormat(path);
            return other ? Optional.of(MigrationFile.Format.OTHER) : Optional.empty();
        }
        if (content.get().filter(LiquibaseChangelog::isChangelog).isPresent()) {
            return Optional.of(MigrationFile.Format.LIQUIBASE);
        }
        Optional<MigrationFile.Format> byName = MigrationNames.formatByName(path);
        return byName.isPresent() || !configured ? byName : Optional.of(MigrationFile.Format.PLAIN);
    }

    private Optional<String> whySkipped(FileChange change, MigrationFile.Format format) {
        String path = change.path();
        Optional<String> database = MigrationNames.otherDatabase(path);
        if (database.isPresent() && format != MigrationFile.Format.OTHER) {
            return Optional.of("a " + database.get() + " migration (by its directory), not PostgreSQL: not analysed");
        }
        if (names.pathsConfigured() && !names.underConfiguredPaths(path) && !MigrationNames.codeMigration(path)) {
            return Optional.of("outside migrations.paths: not analysed");
        }
        if (change.renamed() && change.similarity() == 100) {
            return Optional.of("moved from " + change.oldPath() + " unchanged: it ran with the older release, not a new"
                + " migration");
        }
        return Optional.empty();
    }

    private Optional<String> read(String commit, String path) {
        return git.readFile(commit, path).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }
}
