package dev.rollback.bluegreen;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.release.ImageTags;

/**
 * For a release target, before the primary project starts again: points the release's image
 * references (often mutable, {@code merq/backend:current}) back at its images, as level 1 does,
 * so the primary runs what green ran. Undo points them back at what they had.
 */
final class ReleaseImagesStep implements Step {
    private final BlueGreenRun run;
    private final ImageTags tags;

    ReleaseImagesStep(BlueGreenInputs in, BlueGreenRun run) {
        this.run = run;
        this.tags = new ImageTags(in.tools().docker());
    }

    @Override
    public String id() {
        return "release-images";
    }

    @Override
    public String description() {
        return "point a release's image references at its images (nothing to do for a git revision)";
    }

    @Override
    public void apply(StepContext context) {
        if (run.rollbackTarget.release() == null) {
            context.skip("the target is a git revision: its compose file names the images");
            return;
        }
        context.detail("retagged", tags.pointAt(run.rollbackTarget.release()));
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        context.detail("restored", tags.restore());
    }
}
