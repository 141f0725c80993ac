package dev.rollback.release;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Tags every recorded image {@code <repository>:rollback-<release>}, so {@code docker image prune}
 * (dangling images only) cannot delete a rollback target once its mutable tag moves on.
 */
final class ProtectImagesStep implements Step {
    private final Docker docker;
    private final RecordDraft draft;
    private final List<String> tagged = new ArrayList<>();

    ProtectImagesStep(Docker docker, RecordDraft draft) {
        this.docker = docker;
        this.draft = draft;
    }

    @Override
    public String id() {
        return "protect-images";
    }

    @Override
    public String description() {
        return "tag the recorded images so image pruning keeps them";
    }

    @Override
    public void apply(StepContext context) {
        for (ServiceImage image : draft.release.services().values()) {
            ImageRef tag = ImageRef.parse(image.protectTag());
            docker.tag(image.imageId(), tag.repository(), tag.tag());
            tagged.add(image.protectTag());
        }
        context.detail("tags", tagged);
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        tagged.forEach(docker::removeTag);
    }
}
