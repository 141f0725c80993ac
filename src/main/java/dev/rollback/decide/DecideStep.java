package dev.rollback.decide;

import dev.rollback.core.StepContext;

/** Walks the decision tree over the facts the probes found and records the recommendation. */
final class DecideStep extends Probe {
    private final Severity severity;
    private final StackShape stack;
    private final CommandLineFormat format;

    DecideStep(Severity severity, StackShape stack, CommandLineFormat format, FactSheet sheet) {
        super(sheet);
        this.severity = severity;
        this.stack = stack;
        this.format = format;
    }

    @Override
    public String id() {
        return "decide";
    }

    @Override
    public String description() {
        Recommendation recommendation = sheet.recommendation;
        if (recommendation == null) {
            return "walk the runbook's decision tree (severity " + severity + ")";
        }
        if (recommendation.actionable()) {
            return "level " + recommendation.level() + ": " + recommendation.commandLine();
        }
        return recommendation.level() == null ? "no rollback: fix it in the next release"
            : "level " + recommendation.level() + ", by hand: no command of this tool does it on this platform";
    }

    @Override
    protected void probe(StepContext context) {
        sheet.recommendation = DecisionTree.decide(severity, sheet.facts(), stack, format);
        Recommendation recommendation = sheet.recommendation;
        context.detail("level", recommendation.level()).detail("commandLine", recommendation.commandLine())
            .result(DecisionResult.of(severity, recommendation, sheet.facts()));
    }
}
