package dev.rollback.core.config;

import java.util.List;

/**
 * {@code migrations:} where migration files live, as globs relative to the workdir, and from how
 * many rows on a table counts as large: a {@code CREATE INDEX} without CONCURRENTLY there locks
 * writes for long enough to count as dangerous (the strategies document: "index changes on large tables").
 */
public record MigrationsConfig(List<String> paths, Long largeTableRows) {
    public static final long DEFAULT_LARGE_TABLE_ROWS = 100_000;
    public static final List<String> DEFAULT_PATHS = List.of("db/migrations/**", "migrations/**");

    /** @param paths null when the file does not set them: then {@link #paths()} is the default */
    public MigrationsConfig {
        paths = paths != null ? List.copyOf(paths) : null;
        largeTableRows = largeTableRows != null ? largeTableRows : DEFAULT_LARGE_TABLE_ROWS;
        if (largeTableRows < 0) {
            throw new ConfigException("migrations.large-table-rows must be 0 or more, got " + largeTableRows);
        }
    }

    @Override
    public List<String> paths() {
        return paths != null ? paths : DEFAULT_PATHS;
    }

    /**
     * Whether the file sets {@code migrations.paths}: then only those paths hold migrations. The
     * default paths are a hint; migration tools' file names count anywhere in the repository.
     */
    public boolean pathsConfigured() {
        return paths != null;
    }
}
