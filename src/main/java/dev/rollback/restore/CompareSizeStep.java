package dev.rollback.restore;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.Optional;

/**
 * The restored copy's size beside the live database's ({@code pg_database_size}): shown, not
 * judged, since the live one has grown since the backup and holds dead rows a restore does not.
 * A restored copy a tenth of the live size is worth a look; the row check before it already fails
 * an empty one.
 */
final class CompareSizeStep implements Step {
    private static final String SIZE = "SELECT pg_database_size(current_database())";

    private final Postgres postgres;
    private final RestoreState state;

    CompareSizeStep(Postgres postgres, RestoreState state) {
        this.postgres = postgres;
        this.state = state;
    }

    @Override
    public String id() {
        return "compare-size";
    }

    @Override
    public String description() {
        return "compare the restored copy's size with database " + state.live;
    }

    @Override
    public boolean haltsOnFailure() {
        return false;
    }

    @Override
    public void apply(StepContext context) {
        Optional<Long> restored = size(state.scratch);
        Optional<Long> live = size(state.live);
        context.detail("restoredBytes", restored.orElse(null)).detail("liveBytes", live.orElse(null))
            .result("restoredBytes", restored.orElse(null)).result("liveBytes", live.orElse(null));
        if (restored.isPresent() && live.isPresent() && live.get() > 0) {
            context.detail("percentOfLive", Math.round(100.0 * restored.get() / live.get()));
        }
    }

    private Optional<Long> size(String database) {
        return postgres.queryFirstValue(database, SIZE).map(Long::parseLong);
    }
}
