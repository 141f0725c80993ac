package dev.rollback.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One release as {@code release list} shows it.
 *
 * @param recordedAt    ISO-8601, as recorded
 * @param current       the release whose images run now
 * @param restorable    every image is present, or can be pulled back by its recorded digest
 * @param missingImages the services whose images are gone; null (left out) when none is
 * @param services      image ID per service
 */
public record ReleaseRow(String id, String recordedAt, String recordedBy, String gitCommit, boolean forced,
                         boolean current, boolean restorable,
                         @JsonInclude(JsonInclude.Include.NON_NULL) List<String> missingImages,
                         Map<String, String> services) {
}
