package dev.rollback.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code summary.md}: the first page an operator reads: what runs, what is unhealthy, what happened, what is missing. */
final class Summary {
    private Summary() {
    }

    /** @param facts the header lines: when, who, where, which stack */
    static String render(Instant at, List<String> facts, Bundle bundle) {
        List<String> lines = new ArrayList<>();
        lines.add("# Incident " + at);
        lines.add("");
        facts.forEach(fact -> lines.add("- " + fact));
        List<Map.Entry<String, List<String>>> sections = new ArrayList<>(bundle.sections().entrySet());
        // What is wrong first: that is what the reader opened the bundle for.
        sections.sort(java.util.Comparator.comparing(section -> !section.getKey().equals(Bundle.UNHEALTHY)));
        for (Map.Entry<String, List<String>> section : sections) {
            lines.add("");
            lines.add("## " + section.getKey());
            lines.add("");
            lines.addAll(section.getValue().isEmpty() ? List.of("Nothing found.") : section.getValue());
        }
        lines.add("");
        lines.add("## Not collected");
        lines.add("");
        if (bundle.missing().isEmpty()) {
            lines.add("Everything was collected.");
        }
        bundle.missingByReason().forEach(missing -> lines.add("- " + missing));
        lines.add("");
        lines.add("## Files");
        lines.add("");
        lines.add("- summary.md");
        bundle.files().keySet().forEach(file -> lines.add("- " + file));
        return String.join("\n", lines) + "\n";
    }
}
