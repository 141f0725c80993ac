package dev.rollback.backup;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.nio.file.Files;

/** Renames the verified dump to its final name (atomic) and makes the rename durable. */
final class PublishStep implements Step {
    private final DumpTarget target;
    private final String format;
    private final String idPrefix;
    private final String resultKey;

    /** @param resultKey the report's result key for the published path ("backup", "preRestoreBackup") */
    PublishStep(DumpTarget target, String format, String idPrefix, String resultKey) {
        this.idPrefix = idPrefix;
        this.resultKey = resultKey;
        this.target = target;
        this.format = format;
    }

    @Override
    public String id() {
        return idPrefix + "publish";
    }

    @Override
    public String description() {
        return "rename the verified dump to " + (target.finalPath() != null ? target.finalPath().getFileName() : "its final name");
    }

    @Override
    public void apply(StepContext context) throws IOException {
        BackupStore.publish(target.partialPath(), target.finalPath());
        long size = Files.size(target.finalPath());
        context.detail("file", target.finalPath().toString())
            .result(resultKey, target.finalPath().toString());
        if (idPrefix.isEmpty()) {
            context.result("sizeBytes", size).result("format", format);
        }
    }
}
