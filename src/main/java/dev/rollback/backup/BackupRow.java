package dev.rollback.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One backup as {@code backups} lists it: the file, its format, whether it is complete and, when
 * it is not, why. What else is known depends on the kind of backup, hence one record per kind.
 */
public sealed interface BackupRow {
    Listed file();

    /** {@code plain}, {@code custom}, {@code directory}, {@code volume}, {@code config}, {@code incident} or {@code unknown}. */
    String format();

    boolean complete();

    /** Why it is not complete, or null. */
    String problem();

    /** Whose dump it is; null for other backups and for dumps of an unknown database. */
    default String database() {
        return null;
    }

    /**
     * The file's name and what its name says.
     *
     * @param takenAt the machine's local time from the name, ISO-8601 without zone
     */
    record Listed(String name, String path, String label, String takenAt, long sizeBytes) {
        static Listed of(BackupFile backup) {
            return new Listed(backup.name(), backup.path().toString(), backup.label(), backup.takenAt().toString(),
                backup.sizeBytes());
        }
    }

    /** A {@code pg_dump} archive or script; {@code database} is always shown, null when unknown. */
    record Dump(@JsonUnwrapped Listed file, String format, String database, boolean complete,
                @JsonInclude(JsonInclude.Include.NON_NULL) String problem) implements BackupRow {
    }

    /** A volume archive: its entries and content size once it reads to its end. */
    record Volume(@JsonUnwrapped Listed file, String format, boolean complete,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Long entries,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Long contentBytes,
                  @JsonInclude(JsonInclude.Include.NON_NULL) String problem) implements BackupRow {
    }

    /** A config snapshot, an incident bundle, or a file that could not be read as its format. */
    record Other(@JsonUnwrapped Listed file, String format, boolean complete,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String problem) implements BackupRow {
    }
}
