package dev.rollback.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rollback.core.Json;
import dev.rollback.core.PrivateFiles;
import dev.rollback.pitr.BaseBackup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes {@code base.json}: the {@link BaseBackup} without {@code dir}, which a reader takes from where it
 * found the file (the directory may be moved or copied to another machine).
 */
final class BaseBackupJson {
    static final String FILE = "base.json";

    @JsonIgnoreProperties({"dir"})
    private abstract static class WithoutDir {
    }

    private static final ObjectMapper MAPPER = Json.MAPPER.copy().addMixIn(BaseBackup.class, WithoutDir.class);

    private BaseBackupJson() {
    }

    static String text(BaseBackup backup) throws IOException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(backup) + "\n";
    }

    static Path write(Path dir, BaseBackup backup) throws IOException {
        return PrivateFiles.write(dir.resolve(FILE), text(backup).getBytes(StandardCharsets.UTF_8));
    }
}
