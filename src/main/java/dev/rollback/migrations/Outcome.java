package dev.rollback.migrations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;

/** The answer for the whole range: is a code rollback enough? */
public enum Outcome {
    CODE_ROLLBACK_ENOUGH("code-rollback-enough"),
    DATABASE_RESTORE_NEEDED("database-restore-needed"),
    REVIEW("review");

    private final String wire;

    Outcome(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Any dangerous statement needs a restore; else anything not known safe needs a person. */
    static Outcome of(Collection<Verdict> verdicts) {
        if (verdicts.contains(Verdict.DANGEROUS)) {
            return DATABASE_RESTORE_NEEDED;
        }
        return verdicts.contains(Verdict.REVIEW) ? REVIEW : CODE_ROLLBACK_ENOUGH;
    }
}
