package dev.rollback.core.config;

/**
 * {@code backups:} where backups live, how many dumps of each label to keep, and how many archives
 * of each volume to keep (null: keep all).
 */
public record BackupsConfig(String dir, Integer keep, Integer keepVolumes) {
    public BackupsConfig {
        dir = dir != null ? dir : "/backups";
        if (keep != null && keep < 1) {
            throw new ConfigException("backups.keep must be at least 1, got " + keep);
        }
        if (keepVolumes != null && keepVolumes < 1) {
            throw new ConfigException("backups.keep-volumes must be at least 1, got " + keepVolumes);
        }
    }
}
