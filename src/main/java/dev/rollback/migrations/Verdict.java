package dev.rollback.migrations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What one statement means for a rollback of the code that ran it. */
public enum Verdict {
    /** The old code still works with the database as this statement left it. */
    SAFE,
    /** Data or schema the old code needs is gone or changed one way: only a restore undoes it. */
    DANGEROUS,
    /** Not known to be safe (unparsable, unclassified, or a fact is missing): a person decides. */
    REVIEW;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
