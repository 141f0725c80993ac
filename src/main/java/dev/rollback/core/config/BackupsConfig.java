package dev.rollback.core.config;

/** {@code backups:} where dumps live and how many of each label to keep (null: keep all). */
public record BackupsConfig(String dir, Integer keep) {
    public BackupsConfig {
        dir = dir != null ? dir : "/backups";
        if (keep != null && keep < 1) {
            throw new ConfigException("backups.keep must be at least 1, got " + keep);
        }
    }
}
