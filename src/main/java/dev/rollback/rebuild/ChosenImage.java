package dev.rollback.rebuild;

import dev.rollback.adapters.digitalocean.DigitalOcean.Image;
import java.util.List;

/** The snapshot or backup level 4 restores, as the report shows it. */
public record ChosenImage(long id, String kind, String name, String createdAt, List<String> regions) {

    static ChosenImage of(Image image) {
        return new ChosenImage(image.id(), image.kind().noun(), image.name(), image.createdAt().toString(),
            image.regions());
    }
}
