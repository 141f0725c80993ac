package dev.rollback.migrations;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which changed paths are migrations. When {@code migrations.paths} is configured (globs relative
 * to the workdir), only files under it count. Otherwise the names migration tools use, anywhere in
 * the repository: Prisma's {@code 20240101120000_init/migration.sql}, Flyway's
 * {@code V2__add_nick.sql} / {@code R__views.sql}, golang-migrate's {@code 0001_init.up.sql},
 * numbered files ({@code 003_add.sql}); Rails' {@code db/migrate/*.rb} and Django's
 * {@code migrations/0001_*.py} are found but are not SQL. Liquibase SQL changelogs are told by their
 * first line. Down and undo scripts ({@code U2__x.sql}, {@code *.down.sql}) are not applied on
 * deploy and are left out. Files in a directory named after another database
 * ({@code db/clickhouse/...}) are not PostgreSQL and are skipped.
 */
final class MigrationNames {
    private static final Pattern FLYWAY = Pattern.compile("(V\\d[\\w.]*|R)__.+\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNDO = Pattern.compile("(U\\d[\\w.]*__.+|.+\\.down)\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern PRISMA = Pattern.compile("(?:.*/)?\\d+_[^/]+/migration\\.sql");
    private static final Pattern GOLANG_MIGRATE = Pattern.compile("\\d+_.+\\.up\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERED = Pattern.compile("\\d+[_.-].*\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern RAILS = Pattern.compile("(?:.*/)?db/migrate/\\d+_\\w+\\.rb");
    private static final Pattern DJANGO = Pattern.compile("(?:.*/)?migrations/\\d{4}_\\w+\\.py");
    private static final Set<String> OTHER_FORMATS = Set.of("xml", "yaml", "yml", "json", "java", "kt", "py", "js",
        "ts", "rb", "go");
    private static final Map<String, String> OTHER_DATABASES = Map.of("clickhouse", "ClickHouse", "mysql", "MySQL",
        "mariadb", "MariaDB", "sqlite", "SQLite", "mssql", "SQL Server", "sqlserver", "SQL Server", "oracle", "Oracle",
        "cassandra", "Cassandra");

    private final String workdirPrefix;
    private final List<PathMatcher> globs;
    private final boolean onlyGlobs;

    /** @param workdirPrefix the workdir relative to the repository's top, "" when it is the top */
    MigrationNames(String workdirPrefix, MigrationPaths paths) {
        this.workdirPrefix = workdirPrefix;
        this.globs = paths.globs().stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        this.onlyGlobs = paths.only();
    }

    static boolean isUndo(String path) {
        return UNDO.matcher(fileName(path)).matches();
    }

    /** The layout a SQL file's name follows, wherever it is; empty when the name is no migration tool's. */
    static Optional<MigrationFile.Format> formatByName(String path) {
        String name = fileName(path);
        if (PRISMA.matcher(path).matches()) {
            return Optional.of(MigrationFile.Format.PRISMA);
        }
        if (FLYWAY.matcher(name).matches()) {
            return Optional.of(MigrationFile.Format.FLYWAY);
        }
        if (GOLANG_MIGRATE.matcher(name).matches()) {
            return Optional.of(MigrationFile.Format.GOLANG_MIGRATE);
        }
        return NUMBERED.matcher(name).matches() ? Optional.of(MigrationFile.Format.PLAIN) : Optional.empty();
    }

    /** A Rails or Django migration: code, not SQL. */
    static boolean codeMigration(String path) {
        return RAILS.matcher(path).matches() || DJANGO.matcher(path).matches();
    }

    /** The other database a directory on the path names ({@code db/clickhouse/migrations} → ClickHouse). */
    static Optional<String> otherDatabase(String path) {
        String[] parts = path.toLowerCase(Locale.ROOT).split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (OTHER_DATABASES.containsKey(parts[i])) {
                return Optional.of(OTHER_DATABASES.get(parts[i]));
            }
        }
        return Optional.empty();
    }

    /** Whether the user set {@code migrations.paths}: then only files under them count. */
    boolean pathsConfigured() {
        return onlyGlobs;
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

    /** What orders migrations as their tool applies them: Prisma's directory name, else the file name. */
    static String orderKey(String path) {
        return PRISMA.matcher(path).matches() ? fileName(path.substring(0, path.lastIndexOf('/'))) : fileName(path);
    }

    /** How a report names the file briefly: the file name, with its directory for Prisma ({@code 14_x/migration.sql}). */
    static String shortName(String path) {
        return PRISMA.matcher(path).matches() ? orderKey(path) + "/" + fileName(path) : fileName(path);
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
