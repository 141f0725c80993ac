package dev.rollback.migrations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * A changed file that holds migrations, and how to read it.
 *
 * @param path      as the repository names it
 * @param before    its content at the older commit (at {@code movedFrom} when renamed), if it existed there
 * @param after     its content at the newer commit, if it exists there
 * @param movedFrom the path it had at the older commit when git saw a rename with changes, else null
 */
record MigrationFile(String path, Format format, Optional<String> before, Optional<String> after, String movedFrom) {

    MigrationFile(String path, Format format, Optional<String> before, Optional<String> after) {
        this(path, format, before, after, null);
    }

    /** How the file is read; the name says which tool's layout it follows. */
    enum Format {
        /** Flyway {@code V<version>__<description>.sql} (or {@code R__} repeatable). */
        FLYWAY,
        /** Prisma Migrate {@code <dir>/<timestamp>_<name>/migration.sql}. */
        PRISMA,
        /** golang-migrate {@code <version>_<name>.up.sql} (the {@code .down.sql} twins are not applied on deploy). */
        GOLANG_MIGRATE,
        /** A Liquibase "formatted SQL" changelog: only changesets new in the range count. */
        LIQUIBASE,
        /** A plain SQL file ({@code 003_add.sql}, any .sql under the configured paths). */
        PLAIN,
        /** A migration in another format (Rails, Django, Liquibase XML/YAML, code): listed for a person to review. */
        OTHER;

        @JsonValue
        String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    String change() {
        return before.isEmpty() ? "added" : after.isEmpty() ? "deleted" : movedFrom != null ? "renamed" : "modified";
    }
}
