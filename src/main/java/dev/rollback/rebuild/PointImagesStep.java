package dev.rollback.rebuild;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.release.ImageRef;
import dev.rollback.release.ServiceImage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Before the stack is deployed again: each image reference the stack files name is pointed at the
 * chosen release's image ID for that service, as level 1 re-points a compose service's reference.
 * So the deploy starts the release's images, not whatever the tags named after the bad deploy (a
 * bad release never runs, not even for the seconds before level 1's switch). A digest reference
 * cannot be re-pointed and is left to level 1's switch; so is a tag Swarm pulls anew from a
 * registry, which the switch then moves to the release's protective tag.
 */
final class PointImagesStep implements Step {
    private final Docker docker;
    private final StackTool files;
    private final ChosenRelease chosen;
    private final Map<String, String> toTag = new LinkedHashMap<>();

    PointImagesStep(Docker docker, StackTool files, ChosenRelease chosen) {
        this.docker = docker;
        this.files = files;
        this.chosen = chosen;
    }

    @Override
    public String id() {
        return "point-images";
    }

    @Override
    public String description() {
        return chosen.release == null ? "leave the stack files' image tags as they are (--release current)"
            : "point the stack files' image tags at release " + chosen.release.id() + "'s images before the deploy";
    }

    @Override
    public void check(StepContext context) {
        if (chosen.release == null) {
            return;
        }
        Map<String, String> leftToSwitch = new LinkedHashMap<>();
        files.images().forEach((service, reference) -> {
            ServiceImage recorded = chosen.release.services().get(service);
            if (recorded == null || docker.imageId(reference).filter(recorded.imageId()::equals).isPresent()) {
                return;
            }
            if (ImageRef.parse(reference).digest()) {
                leftToSwitch.put(service, reference);
            } else {
                toTag.put(reference, recorded.imageId());
            }
        });
        context.detail("retag", toTag);
        if (!leftToSwitch.isEmpty()) {
            context.detail("digestReferences", leftToSwitch);
        }
    }

    @Override
    public void apply(StepContext context) {
        if (chosen.release == null || toTag.isEmpty()) {
            context.skip(chosen.release == null ? "--release current" : "the tags already name the release's images");
            return;
        }
        toTag.forEach((reference, imageId) -> {
            ImageRef ref = ImageRef.parse(reference);
            docker.tag(imageId, ref.repository(), ref.tag());
        });
        context.detail("retagged", toTag);
    }
}
