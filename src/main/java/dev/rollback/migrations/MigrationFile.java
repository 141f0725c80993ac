package dev.rollback.migrations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * A changed file that holds migrations, and how to read it.
 *
 * @param path   as the repository names it
 * @param before its content at the older commit, if it existed there
 * @param after  its content at the newer commit, if it exists there
 */
record MigrationFile(String path, Format format, Optional<String> before, Optional<String> after) {

    /** How the file is read. */
    enum Format {
        /** Flyway {@code V<version>__<description>.sql} (or {@code R__} repeatable). */
        FLYWAY,
        /** A Liquibase "formatted SQL" changelog: only changesets new in the range count. */
        LIQUIBASE,
        /** A plain SQL file ({@code 003_add.sql}, {@code 0001_init.up.sql}, any .sql under the configured paths). */
        PLAIN,
        /** A migration in another format (Liquibase XML/YAML, code): listed for a person to review. */
        OTHER;

        @JsonValue
        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    String change() {
        return before.isEmpty() ? "added" : after.isEmpty() ? "deleted" : "modified";
    }
}
