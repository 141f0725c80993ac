package dev.rollback.release;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import dev.rollback.images.MissingImages;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Images of a release that were pruned from this host, and how they come back: pulled by the
 * registry digest recorded with the release ({@code repository@sha256:…}, immutable, so exactly
 * the image that ran), checked to be the recorded image ID, and given their protective tag again
 * so the ledger keeps protecting them. An image without a recorded digest cannot come back: the
 * check refuses (exit 3) naming the releases that can still be restored, as does {@code --no-pull}.
 */
public final class PrunedImages {
    private final Docker docker;
    private final MissingImages images;

    public PrunedImages(Docker docker, MissingImages images) {
        this.docker = docker;
        this.images = images;
    }

    /**
     * For a step's check: the images of {@code services} in {@code release} that are not here; each
     * can be pulled back, or this refuses (nothing changed yet).
     */
    public List<ServiceImage> check(Ledger ledger, Release release, Collection<String> services) {
        // Services often share an image: each image ID is asked about once.
        Map<String, Boolean> here = new HashMap<>();
        List<ServiceImage> missing = services.stream().map(release.services()::get)
            .filter(image -> image != null
                && !here.computeIfAbsent(image.imageId(), id -> docker.imageId(id).isPresent())).toList();
        List<String> lost = missing.stream().filter(image -> image.repoDigest() == null)
            .map(image -> image.image() + " (" + shortId(image.imageId()) + ")").toList();
        if (!lost.isEmpty()) {
            throw RollbackException.refused("the images of release " + release.id() + " are gone from this host: "
                + String.join(", ", lost) + ", and no registry digest was recorded to pull them back; restorable"
                + " releases: " + restorable(ledger) + " (nothing was changed)");
        }
        if (!missing.isEmpty() && !images.pulling()) {
            throw MissingImages.refusedWithoutPull(missing.stream().map(ServiceImage::repoDigest).toList(),
                "release " + release.id() + "'s image(s)");
        }
        return missing;
    }

    /** For a step's apply: pulls each by digest, checks it is the recorded image, tags it again. */
    public void pullBack(List<ServiceImage> missing, StepContext context) {
        List<String> pulled = new ArrayList<>();
        for (ServiceImage image : missing) {
            images.pull(List.of(image.repoDigest()), context.subStep());
            String id = docker.imageId(image.repoDigest()).orElse(null);
            if (!image.imageId().equals(id)) {
                throw RollbackException.failed("pulled " + image.repoDigest() + " but it is image " + shortId(id)
                    + ", not the recorded " + shortId(image.imageId()) + "; the registry's content changed");
            }
            if (image.protectTag() != null) {
                ImageRef tag = ImageRef.parse(image.protectTag());
                docker.tag(image.imageId(), tag.repository(), tag.tag());
            }
            pulled.add(image.repoDigest());
        }
        if (!pulled.isEmpty()) {
            context.detail("pulled", pulled);
        }
    }

    private String restorable(Ledger ledger) {
        String ids = ledger.releases().stream()
            .filter(r -> r.services().values().stream()
                .allMatch(s -> s.repoDigest() != null || docker.imageId(s.imageId()).isPresent()))
            .map(Release::id).collect(Collectors.joining(", "));
        return ids.isEmpty() ? "none" : ids;
    }

    private static String shortId(String imageId) {
        if (imageId == null) {
            return "none";
        }
        String bare = imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
        return bare.substring(0, Math.min(12, bare.length()));
    }
}
