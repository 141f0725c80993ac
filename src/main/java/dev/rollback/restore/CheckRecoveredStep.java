package dev.rollback.restore;

import dev.rollback.adapters.docker.DatabaseData;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.Arrays;
import java.util.List;

/**
 * Level 3's checks on the recovered server before it replaces anything: it has tables where live has, the sample
 * query answers, and its size is shown beside live's (a restore to an earlier point is smaller, not empty). Then
 * the scratch server is shut down cleanly, so the data directory is consistent to start from.
 */
final class CheckRecoveredStep implements Step {
    private static final String TABLES = "select count(*) from information_schema.tables"
        + " where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')";

    private final DatabaseData data;
    private final Postgres live;
    private final PitrState state;
    private final String sampleQuery;

    CheckRecoveredStep(DatabaseData data, Postgres live, PitrState state, String sampleQuery) {
        this.data = data;
        this.live = live;
        this.state = state;
        this.sampleQuery = sampleQuery;
    }

    @Override
    public String id() {
        return "verify-scratch";
    }

    @Override
    public String description() {
        return "check the recovered server: tables, " + (sampleQuery != null ? "the sample query, " : "")
            + "size beside live; then shut it down cleanly";
    }

    @Override
    public void apply(StepContext context) {
        if (state.resumed) {
            context.skip("the unfinished run restored and swapped already");
            return;
        }
        String server = state.scratchServer;
        long tables = Long.parseLong(data.query(server, state.user, state.database, TABLES));
        long liveTables = onLive(TABLES);
        long size = Long.parseLong(data.query(server, state.user, state.database,
            "select pg_database_size(current_database())"));
        long liveSize = onLive("select pg_database_size(current_database())");
        context.detail("tables", tables).detail("liveTables", liveTables).detail("bytes", size)
            .detail("liveBytes", liveSize);
        if (tables == 0 && liveTables > 0) {
            throw RollbackException.failed("the recovered database has no tables; live has " + liveTables);
        }
        if (sampleQuery != null) {
            String value = firstValue(data.query(server, state.user, state.database, sampleQuery));
            if (value.isEmpty()) {
                throw RollbackException.failed("the sample query returned no row on the recovered server");
            }
            context.detail("sampleQueryValue", value).result("restoredSampleQueryValue", value);
        }
        context.progress("shutting the recovered server down cleanly");
        data.stop(server, java.time.Duration.ofSeconds(120));
        data.removeContainer(server);
    }

    /** A number from live for comparison; 0 when live is down (a rerun after a run killed with it stopped). */
    private long onLive(String sql) {
        try {
            return live.queryFirstValue(state.database, sql).map(Long::parseLong).orElse(0L);
        } catch (RuntimeException e) {
            return 0L;
        }
    }

    private static String firstValue(String out) {
        List<String> lines = Arrays.stream(out.split("\n")).filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(0).split("\\|", -1)[0];
    }
}
