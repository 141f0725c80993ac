package dev.rollback.core.config;

import java.util.List;

/** {@code migrations:} where migration files live, as globs relative to the workdir. */
public record MigrationsConfig(List<String> paths) {
    public MigrationsConfig {
        paths = paths != null ? List.copyOf(paths) : List.of("db/migrations/**", "migrations/**");
    }
}
