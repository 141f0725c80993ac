package dev.rollback.cli;

import dev.rollback.core.Report;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The text form of {@code plan}'s result: the recommendation, why, what to type, and what ran. */
final class PlanText {
    private PlanText() {
    }

    @SuppressWarnings("unchecked")
    static void print(Report report, PrintWriter out) {
        Map<String, Object> result = report.result();
        if (!result.containsKey("reasons")) {
            return;
        }
        Object level = result.get("recommendedLevel");
        out.println(level == null ? "recommendation: no rollback; fix it in the next release"
            : "recommendation: level " + level);
        ((List<String>) result.get("reasons")).forEach(reason -> out.println("  - " + reason));
        if (result.get("commandLine") != null) {
            out.println("run: " + result.get("commandLine"));
        }
        List<String> alternatives = (List<String>) result.get("alternatives");
        if (!alternatives.isEmpty()) {
            out.println("alternatives:");
            alternatives.forEach(alternative -> out.println("  " + alternative));
        }
        if (result.get("executed") instanceof Map<?, ?> executed) {
            out.println("executed: " + executed.get("command") + ", " + report.status().wire());
            ((Map<String, Object>) executed.get("result")).forEach((key, value) -> out.println("  " + key + ": " + value));
        }
    }
}
