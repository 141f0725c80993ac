package dev.rollback.incident;

import dev.rollback.adapters.postgres.Postgres;
import java.util.List;
import java.util.function.Supplier;

/** {@code database.txt}: whether the database answers, its version and its databases. */
final class DatabaseCollector implements Collector {
    private final Supplier<Postgres> postgres;

    DatabaseCollector(Supplier<Postgres> postgres) {
        this.postgres = postgres;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public void collect(Bundle bundle) {
        Postgres database = postgres.get();
        database.ping();
        List<String> lines = List.of("- " + database.describe() + " answers",
            "- server version " + database.serverMajorVersion(),
            "- databases: " + String.join(", ", database.databases()));
        bundle.file("database.txt", String.join("\n", lines) + "\n");
        bundle.section("Database", lines);
    }
}
