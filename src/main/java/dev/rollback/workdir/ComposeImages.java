package dev.rollback.workdir;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The image references a compose file names, read from the file as written: references with
 * {@code ${VARIABLES}} are left out (only compose can resolve them, once the file is in place).
 *
 * @param literal  service → image reference, for services whose reference is literal
 * @param complete every service's reference is literal: compose has nothing more to resolve
 */
public record ComposeImages(Map<String, String> literal, boolean complete) {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static ComposeImages read(String fileName, byte[] composeFile) {
        Map<String, String> images = new TreeMap<>();
        boolean[] complete = {true};
        try {
            YAML.readTree(composeFile).path("services").properties().forEach(service -> {
                String image = service.getValue().path("image").asText(null);
                if (image != null && !image.contains("$")) {
                    images.put(service.getKey(), image);
                } else if (image != null) {
                    complete[0] = false;
                }
            });
        } catch (JacksonException e) {
            throw RollbackException.refused(fileName + " is not valid YAML (line "
                + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw RollbackException.refused("cannot read " + fileName + ": " + e.getMessage());
        }
        return new ComposeImages(images, complete[0]);
    }
}
