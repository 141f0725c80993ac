package dev.rollback.migrations;

import dev.rollback.adapters.sql.SqlParser;
import dev.rollback.core.Plan;
import dev.rollback.release.Ledger;
import dev.rollback.workdir.GitCheckout;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code check-migrations}: read-only and not journaled. It changes nothing and is a gate run
 * before deploys (and a probe of {@code plan}); the journal is for runs that act on the stack.
 */
public final class CheckMigrationsPlan {
    /**
     * @param from {@code previous}, {@code current}, a release id or a git revision
     * @param to   a git revision, usually {@code HEAD}
     */
    public record Inputs(Supplier<GitCheckout> checkout, Ledger ledger, Supplier<Map<String, String>> runningImageIds,
                         String from, String to, MigrationPaths paths, SqlParser parser, TableSizes sizes,
                         long largeTableRows) {
    }

    private CheckMigrationsPlan() {
    }

    public static Plan build(Inputs in) {
        CheckedRange range = new CheckedRange();
        return Plan.builder("check-migrations").readOnly().notJournaled()
            .step(new ResolveRangeStep(in, range))
            .step(new ClassifyStep(in, range))
            .build();
    }
}
