package dev.rollback.core;

import java.util.List;

/** A step whose behaviour a test scripts; records what the executor did with it. */
final class FakeStep implements Step {
    interface Action {
        void run(StepContext context) throws Exception;
    }

    private final String id;
    private final List<String> log;
    private Action check = context -> { };
    private Action apply = context -> { };
    private boolean destructive;
    private boolean halts = true;
    private boolean undoable;

    FakeStep(String id, List<String> log) {
        this.id = id;
        this.log = log;
    }

    FakeStep onCheck(Action action) {
        this.check = action;
        return this;
    }

    FakeStep onApply(Action action) {
        this.apply = action;
        return this;
    }

    FakeStep markDestructive() {
        this.destructive = true;
        return this;
    }

    FakeStep continueOnFailure() {
        this.halts = false;
        return this;
    }

    FakeStep withUndo() {
        this.undoable = true;
        return this;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "fake " + id;
    }

    @Override
    public void check(StepContext context) {
        log.add("check " + id);
        try {
            check.run(context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void apply(StepContext context) throws Exception {
        log.add("apply " + id);
        apply.run(context);
    }

    @Override
    public boolean destructive() {
        return destructive;
    }

    @Override
    public boolean haltsOnFailure() {
        return halts;
    }

    @Override
    public boolean undoable() {
        return undoable;
    }

    @Override
    public void undo(StepContext context) {
        log.add("undo " + id);
    }
}
