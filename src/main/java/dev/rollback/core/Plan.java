package dev.rollback.core;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of steps for one command. A plan is built by a level or strategy package from
 * the configuration and the adapters, and run by the {@link Executor}.
 *
 * @param command  the subcommand name, as in the report
 * @param level    the runbook level (1-4), or null for strategies and tools
 * @param steps    in the order they are applied
 * @param mutating  whether the plan changes the stack (takes the lock); false for read-only checks
 * @param journaled whether the run is recorded in the journal (not for plain listings)
 * @param confirmAnswer what the operator types to confirm destructive steps ("yes", or e.g. the database name)
 */
public record Plan(String command, Integer level, List<Step> steps, boolean mutating, boolean journaled,
                   String confirmAnswer) {

    public Plan {
        steps = List.copyOf(steps);
    }

    public static Builder builder(String command) {
        return new Builder(command);
    }

    public static final class Builder {
        private final String command;
        private Integer level;
        private boolean mutating = true;
        private boolean journaled = true;
        private String confirmAnswer = "yes";
        private final List<Step> steps = new ArrayList<>();

        private Builder(String command) {
            this.command = command;
        }

        public Builder level(int level) {
            this.level = level;
            return this;
        }

        public Builder readOnly() {
            this.mutating = false;
            return this;
        }

        /** A listing: nothing worth a journal line. */
        public Builder notJournaled() {
            this.journaled = false;
            return this;
        }

        /** The confirmation asks for this word to be typed (a database name makes a slip less likely). */
        public Builder confirmWith(String answer) {
            this.confirmAnswer = answer;
            return this;
        }

        public Builder step(Step step) {
            steps.add(step);
            return this;
        }

        public Builder steps(List<? extends Step> more) {
            steps.addAll(more);
            return this;
        }

        public Plan build() {
            return new Plan(command, level, steps, mutating, journaled, confirmAnswer);
        }
    }
}
