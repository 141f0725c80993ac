package dev.rollback.core;

/**
 * A step that is another step plus something around it (timing it, skipping it in a given state):
 * everything is forwarded; a subclass overrides what it adds to.
 */
public abstract class ForwardingStep implements Step {
    protected final Step step;

    protected ForwardingStep(Step step) {
        this.step = step;
    }

    @Override
    public String id() {
        return step.id();
    }

    @Override
    public String description() {
        return step.description();
    }

    @Override
    public void check(StepContext context) {
        step.check(context);
    }

    @Override
    public void apply(StepContext context) throws Exception {
        step.apply(context);
    }

    @Override
    public boolean destructive() {
        return step.destructive();
    }

    @Override
    public boolean haltsOnFailure() {
        return step.haltsOnFailure();
    }

    @Override
    public void undo(StepContext context) throws Exception {
        step.undo(context);
    }

    @Override
    public boolean undoable() {
        return step.undoable();
    }
}
