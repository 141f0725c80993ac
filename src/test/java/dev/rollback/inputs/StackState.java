package dev.rollback.inputs;

import dev.rollback.e2e.TestStack;
import java.util.List;

/**
 * What a bad input must leave alone on a live stack: its containers (same ids, same start times,
 * same images) and its databases (same list, same rows in users).
 */
record StackState(String containers, String databases, String users) {

    static StackState of(TestStack stack) {
        String ids = stack.docker("ps", "-aq", "--no-trunc", "--filter", "label=com.docker.compose.project=" + stack.project)
            .out().strip();
        List<String> inspect = new java.util.ArrayList<>(List.of("inspect", "-f", "{{.Name}} {{.Image}} {{.State.StartedAt}} {{.State.Status}}"));
        inspect.addAll(ids.lines().sorted().toList());
        String containers = ids.isEmpty() ? "" : stack.docker(inspect.toArray(String[]::new)).out();
        return new StackState(containers, stack.psql("postgres", "select string_agg(datname, ',' order by datname) from pg_database"),
            stack.psql("select count(*) || ':' || coalesce(max(id), 0) from users"));
    }
}
