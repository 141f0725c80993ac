package dev.rollback.restore;

import dev.rollback.adapters.postgres.DatabaseLock;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * First step of every plan that writes the database (a restore, its undo, level 4's restore phase):
 * takes the database's advisory lock in its check and holds it for the rest of the run, so two runs
 * from different state dirs or machines never restore, swap or drop the same database at once. The
 * state-dir lock cannot see those. The executor releases it when the run ends, however it ends; under
 * --dry-run that is right after the checks, so a dry run only tests that the lock is free.
 */
final class LockDatabaseStep implements Step {
    private final Postgres postgres;
    private final String database;
    private final String command;

    /** @param command the command named in the lock's application_name, which a refused run shows */
    LockDatabaseStep(Postgres postgres, String database, String command) {
        this.postgres = postgres;
        this.database = database;
        this.command = command;
    }

    @Override
    public String id() {
        return "lock-database";
    }

    @Override
    public String description() {
        return "lock database " + database + " against other rollback runs (PostgreSQL advisory lock, held to the end)";
    }

    @Override
    public void check(StepContext context) {
        DatabaseLock lock = postgres.lockDatabase(command);
        context.hold(lock);
        context.detail("lock", "advisory lock taken, held until the run ends");
    }

    @Override
    public void apply(StepContext context) {
        context.detail("lock", "held since the check");
    }
}
