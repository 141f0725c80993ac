package dev.rollback.migrations;

import dev.rollback.core.config.MigrationsConfig;
import java.util.List;

/**
 * Where migrations live: {@code migrations.paths} (globs relative to the workdir), and whether the
 * user set them. Set, only files under them count; left at the default, the file names migration
 * tools use count anywhere in the repository too.
 */
public record MigrationPaths(List<String> globs, boolean only) {
    public MigrationPaths {
        globs = List.copyOf(globs);
    }

    public static MigrationPaths of(MigrationsConfig config) {
        return new MigrationPaths(config.paths(), config.pathsConfigured());
    }
}
