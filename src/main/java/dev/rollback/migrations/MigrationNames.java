package dev.rollback.migrations;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which changed paths are migrations: anything under the configured globs
 * ({@code migrations.paths}, relative to the workdir), and anywhere in the repository the names
 * migration tools use: Flyway's {@code V2__add_nick.sql} / {@code R__views.sql}, numbered files
 * ({@code 003_add.sql}, {@code 0001_init.up.sql}); Liquibase SQL changelogs are told by their
 * first line. Down and undo scripts ({@code U2__x.sql}, {@code *.down.sql}) are not applied on
 * deploy and are left out.
 */
final class MigrationNames {
    private static final Pattern FLYWAY = Pattern.compile("(V\\d[\\w.]*|R)__.+\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNDO = Pattern.compile("(U\\d[\\w.]*__.+|.+\\.down)\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERED = Pattern.compile("\\d+[_.-].*\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Set<String> OTHER_FORMATS = Set.of("xml", "yaml", "yml", "json", "java", "kt", "py", "js",
        "ts", "rb", "go");

    private final String workdirPrefix;
    private final List<PathMatcher> globs;

    /** @param workdirPrefix the workdir relative to the repository's top, "" when it is the top */
    MigrationNames(String workdirPrefix, List<String> globs) {
        this.workdirPrefix = workdirPrefix;
        this.globs = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    }

    static boolean isUndo(String path) {
        return UNDO.matcher(fileName(path)).matches();
    }

    /** Flyway or numbered by name, wherever it is. */
    static boolean namedLikeMigration(String path) {
        String name = fileName(path);
        return FLYWAY.matcher(name).matches() || NUMBERED.matcher(name).matches();
    }

    static boolean isFlyway(String path) {
        return FLYWAY.matcher(fileName(path)).matches();
    }

    boolean underConfiguredPaths(String path) {
        String relative = workdirRelative(path);
        return relative != null && globs.stream().anyMatch(g -> g.matches(Path.of(relative)));
    }

    static boolean isSql(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    static boolean isOtherFormat(String path) {
        String name = fileName(path);
        int dot = name.lastIndexOf('.');
        return dot > 0 && OTHER_FORMATS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private String workdirRelative(String path) {
        if (workdirPrefix.isEmpty()) {
            return path;
        }
        return path.startsWith(workdirPrefix + "/") ? path.substring(workdirPrefix.length() + 1) : null;
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
