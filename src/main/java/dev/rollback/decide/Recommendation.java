package dev.rollback.decide;

import java.util.List;

/**
 * What the decision tree recommends: a runbook level, the command that performs it, why, and what
 * else an operator might run instead.
 *
 * @param level        1-4, or null when the recommendation is to fix forward in the next release
 * @param argv         the subcommand and its options ({@code [db-restore, --backup, x.sql]}); empty: nothing to run
 * @param commandLine  the exact command line to type, or null
 * @param alternatives other command lines worth knowing, each with when to prefer it
 */
public record Recommendation(Integer level, List<String> argv, String commandLine, List<String> reasons,
                             List<String> alternatives) {
    public Recommendation {
        argv = List.copyOf(argv);
        reasons = List.copyOf(reasons);
        alternatives = List.copyOf(alternatives);
    }

    public boolean actionable() {
        return !argv.isEmpty();
    }
}
