package dev.rollback.backup;

import dev.rollback.adapters.postgres.DumpFormat;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.nio.file.Files;

/** pg_dump of the database into a hidden partial file in the backups dir. */
final class DumpStep implements Step {
    private final Postgres postgres;
    private final BackupStore store;
    private final String label;
    private final DumpFormat format;
    private final DumpTarget target;
    private final String idPrefix;

    DumpStep(Postgres postgres, BackupStore store, String label, DumpFormat format, DumpTarget target, String idPrefix) {
        this.idPrefix = idPrefix;
        this.postgres = postgres;
        this.store = store;
        this.label = label;
        this.format = format;
        this.target = target;
    }

    @Override
    public String id() {
        return idPrefix + "dump";
    }

    @Override
    public String description() {
        return "pg_dump " + postgres.describe() + " (" + format.wire() + ") to "
            + (target.finalPath() != null ? target.finalPath() : store.dir());
    }

    @Override
    public void check(StepContext context) {
        store.requireWritable();
        postgres.ping();
        target.finalPath(store.newPath(label, format.extension()));
        context.detail("database", postgres.describe())
            .detail("tools", postgres.toolsLocation())
            .detail("file", target.finalPath().toString());
    }

    @Override
    public void apply(StepContext context) throws IOException {
        boolean done = false;
        try {
            postgres.dump(target.partialPath(), format);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target.partialPath());
            }
        }
        context.detail("bytes", Files.size(target.partialPath()));
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) throws IOException {
        Files.deleteIfExists(target.partialPath());
    }
}
