package dev.rollback.verify;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/** The post-rollback verification's data spot-check: the sample query returns a row. */
final class SampleQueryStep implements Step {
    private final Postgres postgres;
    private final String query;

    SampleQueryStep(Postgres postgres, String query) {
        this.postgres = postgres;
        this.query = query;
    }

    @Override
    public String id() {
        return "query";
    }

    @Override
    public String description() {
        return "sample query on " + postgres.describe() + ": " + query;
    }

    @Override
    public boolean haltsOnFailure() {
        return false;
    }

    @Override
    public void apply(StepContext context) {
        String value = postgres.queryFirstValue(query)
            .orElseThrow(() -> RollbackException.failed("the sample query returned no row: " + query));
        context.detail("value", value).result("sampleQueryValue", value);
    }
}
