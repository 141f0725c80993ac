package dev.rollback.release;

import dev.rollback.adapters.docker.Docker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Points a release's image references (often mutable: {@code merq/backend:current}) back at the
 * image IDs it ran, remembering what they pointed at, so the change can be put back.
 */
public final class ImageTags {
    private final Docker docker;
    private final Map<String, Optional<String>> before = new LinkedHashMap<>();

    public ImageTags(Docker docker) {
        this.docker = docker;
    }

    /** Retags every reference of the release; returns the references changed. */
    public List<String> pointAt(Release release) {
        for (ServiceImage image : release.services().values()) {
            before.putIfAbsent(image.image(), docker.imageId(image.image()));
            tag(image.image(), image.imageId());
        }
        return List.copyOf(before.keySet());
    }

    /** Points the references back at what they had; idempotent. Returns the references restored. */
    public List<String> restore() {
        List<String> restored = new ArrayList<>();
        before.forEach((reference, imageId) -> imageId.ifPresent(id -> {
            tag(reference, id);
            restored.add(reference);
        }));
        return restored;
    }

    private void tag(String reference, String imageId) {
        ImageRef ref = ImageRef.parse(reference);
        docker.tag(imageId, ref.repository(), ref.tag());
    }
}
