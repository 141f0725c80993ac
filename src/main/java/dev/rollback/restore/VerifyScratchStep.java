package dev.rollback.restore;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Proves the restored copy before it replaces anything: it has every table the dump holds data
 * for, it is not empty where the live database is not, and the sample query answers on it. The
 * rows of its first tables are shown beside the live ones, counted or estimated within seconds
 * ({@link RowCheck}), so a big table never fails or slows a correct restore.
 */
final class VerifyScratchStep implements Step {
    /** ANALYZE of the shown tables: each samples a fixed number of rows, so this holds for any size. */
    static final Duration ANALYZE_BOUND = Duration.ofSeconds(10);

    private final Postgres postgres;
    private final RestoreState state;
    private final String sampleQuery;

    VerifyScratchStep(Postgres postgres, RestoreState state, String sampleQuery) {
        this.postgres = postgres;
        this.state = state;
        this.sampleQuery = sampleQuery;
    }

    @Override
    public String id() {
        return "verify-scratch";
    }

    @Override
    public String description() {
        return "check the restored copy: the dump's tables are there and not empty"
            + (sampleQuery != null ? ", the sample query answers" : "");
    }

    @Override
    public void apply(StepContext context) {
        List<String> present = postgres.tables(state.restoreTarget()).stream().map(VerifyScratchStep::bare).toList();
        List<String> missing = state.inspection.tables().stream().map(VerifyScratchStep::bare)
            .filter(table -> !present.contains(table)).toList();
        if (!missing.isEmpty()) {
            throw RollbackException.failed("the restored copy lacks tables the dump holds: " + String.join(", ", missing));
        }
        List<String> liveTables = state.inPlace ? List.of() : postgres.tables(state.live);
        // A restored copy has no planner statistics yet: ANALYZE gives the estimates a cancelled
        // count falls back on (and the app's first queries better plans).
        int analysed = postgres.analyze(state.restoreTarget(), RowCheck.shown(present), ANALYZE_BOUND);
        List<RowCheck.TableRows> rows = RowCheck.standard(postgres::countRows)
            .rows(state.restoreTarget(), present, state.inPlace ? null : state.live, liveTables);
        Map<String, Map<String, Object>> report = RowCheck.toReport(rows);
        context.detail("tables", present.size()).detail("tablesAnalysed", analysed).detail("rowsPerTable", report)
            .result("rowsPerTable", report);
        RowCheck.requireNotEmpty(present, liveTables, rows);
        if (sampleQuery != null) {
            String value = postgres.queryFirstValue(state.restoreTarget(), sampleQuery)
                .orElseThrow(() -> RollbackException.failed("the sample query returned no row on the restored copy"));
            context.detail("sampleQueryValue", value).result("restoredSampleQueryValue", value);
        }
    }

    /** {@code public."users"} and {@code public.users} name the same table. */
    private static String bare(String table) {
        return table.replace("\"", "");
    }
}
