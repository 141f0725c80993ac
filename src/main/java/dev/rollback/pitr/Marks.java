package dev.rollback.pitr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Json;
import dev.rollback.core.JsonLines;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.util.Optional;

/** Reads {@code backups.dir/marks.jsonl}: the newest mark with a label is what {@code --to-mark LABEL} restores to. */
public final class Marks {
    private final ArchiveLayout layout;

    public Marks(ArchiveLayout layout) {
        this.layout = layout;
    }

    /** The newest (last appended) mark with this label; a line that does not parse is skipped. */
    public Optional<Mark> newest(String label) {
        if (!java.nio.file.Files.exists(layout.marks())) {
            return Optional.empty();
        }
        Mark found = null;
        try {
            for (JsonNode line : new JsonLines(layout.marks()).read()) {
                try {
                    Mark mark = Json.MAPPER.treeToValue(line, Mark.class);
                    if (label.equals(mark.label()) && mark.point() != null && mark.point().lsn() != null) {
                        found = mark;
                    }
                } catch (IOException | RollbackException e) {
                    // a line written by a newer version or cut by a crash: not a mark to restore to
                }
            }
        } catch (IOException e) {
            throw RollbackException.failed("cannot read " + layout.marks() + ": " + e.getMessage());
        }
        return Optional.ofNullable(found);
    }
}
