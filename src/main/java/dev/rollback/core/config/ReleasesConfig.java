package dev.rollback.core.config;

/** {@code releases:} how many ledger entries (and their protected images) to keep. */
public record ReleasesConfig(Integer keep) {
    public ReleasesConfig {
        keep = keep != null ? keep : 10;
    }
}
