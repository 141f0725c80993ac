package dev.rollback.recreate;

import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.images.MissingImages;
import dev.rollback.release.ImageTags;
import dev.rollback.workdir.CheckoutFilesStep;
import dev.rollback.workdir.ComposeImages;
import dev.rollback.workdir.FilesAtRevision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes the images of the target present: a release's mutable references (e.g.
 * {@code merq/backend:current}) are pointed back at its recorded image IDs; then every image the
 * compose file at the target names must exist, pulled from its registry only when missing (never
 * with --no-pull), before the stack is stopped. The check refuses early (exit 3, nothing changed)
 * when a literal reference is missing and pulling is off; a failed pull is exit 4 (registry
 * unreachable) or 3 (no such image there), naming the image. Undo points the references back at
 * the images they had.
 */
final class PrepareImagesStep implements Step {
    private final Docker docker;
    private final StackTool stack;
    private final CheckoutFilesStep checkout;
    private final RecreateRun run;
    private final boolean pull;
    private final MissingImages missingImages;
    private final ImageTags tags;

    PrepareImagesStep(Docker docker, StackTool stack, CheckoutFilesStep checkout, RecreateRun run, boolean pull) {
        this.docker = docker;
        this.stack = stack;
        this.checkout = checkout;
        this.run = run;
        this.pull = pull;
        this.missingImages = new MissingImages(docker, pull);
        this.tags = new ImageTags(docker);
    }

    @Override
    public String id() {
        return "prepare-images";
    }

    @Override
    public String description() {
        return "point the target's image references at its images" + (pull ? "; pull any that are missing"
            : "; refuse if any is missing (--no-pull)");
    }

    @Override
    public void check(StepContext context) {
        Map<String, String> images = targetImages().literal();
        List<String> missing = missing(images, recordedReferences());
        context.detail("images", images);
        if (!missing.isEmpty()) {
            if (!pull) {
                throw RollbackException.refused("image(s) " + String.join(", ", missing) + " of " + run.target.label()
                    + " are not here and --no-pull is set");
            }
            context.detail("toPull", missing);
        }
    }

    @Override
    public void apply(StepContext context) {
        if (run.target.release() != null) {
            context.detail("retagged", tags.pointAt(run.target.release()));
        }
        ComposeImages written = targetImages();
        // Only references with ${VARIABLES} need compose to resolve them (a second or so).
        Map<String, String> images = written.complete() ? written.literal() : stack.images();
        List<String> services = new ArrayList<>();
        images.forEach((service, image) -> {
            if (docker.imageId(image).isEmpty()) {
                services.add(service);
            }
        });
        if (!services.isEmpty()) {
            if (!pull) {
                throw RollbackException.failed("services " + String.join(", ", services) + " name images that are"
                    + " not here and --no-pull is set");
            }
            context.progress("pulling images of " + String.join(", ", services));
            missingImages.pull(missingImages.of(services.stream().map(images::get).toList()), context);
            List<String> stillMissing = missing(images, Map.of());
            if (!stillMissing.isEmpty()) {
                throw RollbackException.failed("image(s) " + String.join(", ", stillMissing) + " are still missing after"
                    + " the pull");
            }
        }
        context.detail("images", new TreeMap<>(images));
    }

    private ComposeImages targetImages() {
        FilesAtRevision files = checkout.target();
        String composeFile = files.files().keySet().iterator().next();
        return ComposeImages.read(composeFile, files.files().get(composeFile).orElseThrow());
    }

    /** References a release will retag count as present: its image IDs were checked to exist. */
    private Map<String, String> recordedReferences() {
        Map<String, String> references = new TreeMap<>();
        if (run.target.release() != null) {
            run.target.release().services().values().forEach(i -> references.put(i.image(), i.imageId()));
        }
        return references;
    }

    private List<String> missing(Map<String, String> images, Map<String, String> recorded) {
        return images.values().stream().distinct()
            .filter(image -> !recorded.containsKey(image) && docker.imageId(image).isEmpty()).toList();
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
