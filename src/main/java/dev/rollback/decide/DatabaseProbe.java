package dev.rollback.decide;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import java.util.function.Supplier;

/** Does the database answer? Needed by level 3; a database down with Docker up is for level 1 to fix. */
final class DatabaseProbe extends Probe {
    private final Supplier<Postgres> postgres;
    private final boolean configured;

    DatabaseProbe(Supplier<Postgres> postgres, boolean configured, FactSheet sheet) {
        super(sheet);
        this.postgres = postgres;
        this.configured = configured;
    }

    @Override
    public String id() {
        return "probe-database";
    }

    @Override
    public String description() {
        return sheet.database.detail();
    }

    @Override
    protected void probe(StepContext context) {
        if (!configured) {
            sheet.database = new Facts.Database(false, false, "no database configured (database.name)");
            context.skip(sheet.database.detail());
            return;
        }
        try {
            Postgres database = postgres.get();
            database.ping();
            sheet.database = new Facts.Database(true, true, database.describe() + " answers");
        } catch (RollbackException e) {
            sheet.database = new Facts.Database(true, false, "the database does not answer: " + e.getMessage());
        }
        context.detail("reachable", sheet.database.reachable());
    }
}
