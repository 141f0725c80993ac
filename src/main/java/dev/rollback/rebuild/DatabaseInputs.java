package dev.rollback.rebuild;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.DumpInspector;
import dev.rollback.core.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * {@code --restore-db latest|FILE}: the dump, read to its end before anything is stopped, then
 * restored through level 3's own steps once the rebuilt database answers.
 *
 * @param wanted  {@code latest}, a name in the backups dir, or a path
 * @param timeout how long the rebuilt database may take to answer
 * @param level3  level 3's steps for the chosen dump (its absolute path)
 */
public record DatabaseInputs(String wanted, BackupStore store, DumpInspector inspector, Postgres postgres,
                             Duration timeout, Duration interval, Function<Path, List<Step>> level3) {
}
