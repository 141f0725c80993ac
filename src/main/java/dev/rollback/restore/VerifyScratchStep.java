package dev.rollback.restore;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves the restored copy before it replaces anything: it has every table the dump holds data
 * for, and the sample query answers on it.
 */
final class VerifyScratchStep implements Step {
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
        return "check the restored copy: the dump's tables are there" + (sampleQuery != null ? ", the sample query answers" : "");
    }

    @Override
    public void apply(StepContext context) {
        List<String> present = postgres.tables(state.restoreTarget()).stream().map(VerifyScratchStep::bare).toList();
        List<String> missing = state.inspection.tables().stream().map(VerifyScratchStep::bare)
            .filter(table -> !present.contains(table)).toList();
        if (!missing.isEmpty()) {
            throw RollbackException.failed("the restored copy lacks tables the dump holds: " + String.join(", ", missing));
        }
        context.detail("tables", present.size()).result("rowsPerTable", rowsPerTable(present));
        if (sampleQuery != null) {
            String value = postgres.queryFirstValue(state.restoreTarget(), sampleQuery)
                .orElseThrow(() -> RollbackException.failed("the sample query returned no row on the restored copy"));
            context.detail("sampleQueryValue", value).result("restoredSampleQueryValue", value);
        }
    }

    private static final int SHOWN_TABLES = 20;

    /** Exact row counts before (live) and after (restored), for the first 20 tables: what the restore changed. */
    private Map<String, Map<String, Long>> rowsPerTable(List<String> restored) {
        Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
        List<String> liveTables = state.inPlace ? List.of() : postgres.tables(state.live);
        for (String table : restored.subList(0, Math.min(SHOWN_TABLES, restored.size()))) {
            Map<String, Long> counts = new LinkedHashMap<>();
            if (liveTables.contains(table)) {
                counts.put("before", count(state.live, table));
            }
            counts.put("after", count(state.restoreTarget(), table));
            rows.put(table, counts);
        }
        return rows;
    }

    private long count(String database, String table) {
        int dot = table.indexOf('.');
        String sql = "select count(*) from " + quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
        return Long.parseLong(postgres.queryFirstValue(database, sql).orElse("0"));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** {@code public."users"} and {@code public.users} name the same table. */
    private static String bare(String table) {
        return table.replace("\"", "");
    }
}
