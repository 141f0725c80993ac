package dev.rollback.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code release list --output json}: missingImages appears only when an image is gone. */
class ReleaseRowJsonTest {
    @Test
    void aRowWithEveryImagePresentLeavesMissingImagesOut() {
        ReleaseRow row = new ReleaseRow("r1", "2026-11-21T10:00:00Z", "ops@host", "abc", false, true, true, null,
            Map.of("web", "sha256:1"));

        assertThat(Json.line(row)).isEqualTo("{\"id\":\"r1\",\"recordedAt\":\"2026-11-21T10:00:00Z\","
            + "\"recordedBy\":\"ops@host\",\"gitCommit\":\"abc\",\"forced\":false,\"current\":true,\"restorable\":true,"
            + "\"services\":{\"web\":\"sha256:1\"}}");
    }

    @Test
    void aRowWithAnImageGoneNamesTheServiceBeforeTheServices() {
        ReleaseRow row = new ReleaseRow("r1", "2026-11-21T10:00:00Z", "ops@host", null, false, false, false,
            List.of("web"), Map.of("web", "sha256:1"));

        assertThat(Json.line(row)).isEqualTo("{\"id\":\"r1\",\"recordedAt\":\"2026-11-21T10:00:00Z\","
            + "\"recordedBy\":\"ops@host\",\"gitCommit\":null,\"forced\":false,\"current\":false,\"restorable\":false,"
            + "\"missingImages\":[\"web\"],\"services\":{\"web\":\"sha256:1\"}}");
    }
}
