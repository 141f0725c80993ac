package dev.rollback.cli;

import dev.rollback.core.Report;
import dev.rollback.decide.DecisionResult;
import java.io.PrintWriter;

/** The text form of {@code plan}'s result: the recommendation, why, what to type, and what ran. */
final class PlanText {
    private PlanText() {
    }

    static void print(Report report, PrintWriter out) {
        report.result(DecisionResult.class).ifPresent(decision -> print(decision, out));
        if (report.result().get(ExecutedPlan.EXECUTED) instanceof ExecutedPlan.ExecutedRun executed) {
            out.println("executed: " + executed.command() + ", " + report.status().wire());
            executed.result().forEach((key, value) -> out.println("  " + key + ": " + value));
        }
    }

    private static void print(DecisionResult decision, PrintWriter out) {
        Integer level = decision.recommendedLevel();
        out.println(level == null ? "recommendation: no rollback; fix it in the next release"
            : "recommendation: level " + level);
        decision.reasons().forEach(reason -> out.println("  - " + reason));
        if (decision.commandLine() != null) {
            out.println("run: " + decision.commandLine());
        }
        if (!decision.alternatives().isEmpty()) {
            out.println("alternatives:");
            decision.alternatives().forEach(alternative -> out.println("  " + alternative));
        }
    }
}
