package dev.rollback.decide;

import java.util.List;

/**
 * {@code plan}'s result: the recommendation and the facts it rests on.
 *
 * @param recommendedLevel 1-4, or null: no rollback, fix it in the next release
 * @param command          the recommended subcommand and its options; empty: nothing to run
 * @param commandLine      the exact command line to type, or null
 */
public record DecisionResult(String severity, Integer recommendedLevel, List<String> command, String commandLine,
                             List<String> reasons, List<String> alternatives, Facts facts) {

    static DecisionResult of(Severity severity, Recommendation recommendation, Facts facts) {
        return new DecisionResult(severity.name(), recommendation.level(), recommendation.argv(),
            recommendation.commandLine(), recommendation.reasons(), recommendation.alternatives(), facts);
    }
}
