package dev.rollback.restore;

import dev.rollback.backup.BackupFile;
import dev.rollback.backup.BackupStore;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * {@code --max-age}: the backup the drill restores must be recent enough, else the drill fails
 * (exit 1) before restoring anything. A backup that restores but is a week old does not protect
 * today's data; cron catches a backup job that silently stopped. The age comes from the
 * timestamp in the file name, the one {@code backup} wrote.
 */
final class BackupAgeStep implements Step {
    private final RestoreState state;
    private final Duration maxAge;
    private final Clock clock;

    BackupAgeStep(RestoreState state, Duration maxAge, Clock clock) {
        this.state = state;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "backup-age";
    }

    @Override
    public String description() {
        return maxAge == null ? "the backup's age (no --max-age)" : "the backup is at most " + maxAge.toString()
            .substring(2).toLowerCase() + " old (--max-age)";
    }

    @Override
    public void check(StepContext context) {
        Optional<Duration> age = age(state.backup, clock);
        context.result("backup", state.backup.getFileName().toString())
            .detail("ageSeconds", age.map(Duration::toSeconds).orElse(null));
        if (maxAge == null) {
            return;
        }
        String problem = tooOld(state.backup, age, maxAge);
        if (problem != null) {
            throw RollbackException.failed(problem);
        }
    }

    @Override
    public void apply(StepContext context) {
        // all in the check: an old backup is not restored at all
    }

    /** How old the backup is, by the timestamp in its name; empty for a name without one. */
    static Optional<Duration> age(Path backup, Clock clock) {
        return BackupStore.parse(backup).map(BackupFile::takenAt)
            .map(taken -> Duration.between(taken, LocalDateTime.now(clock.withZone(ZoneId.systemDefault()))));
    }

    /** Why the backup is too old for {@code maxAge}, or null when it is recent enough. */
    static String tooOld(Path backup, Optional<Duration> age, Duration maxAge) {
        if (age.isEmpty()) {
            return "backup " + backup.getFileName() + " has no timestamp in its name (<label>_YYYYMMDD_HHMMSS), so"
                + " --max-age cannot be checked";
        }
        if (age.get().compareTo(maxAge) <= 0) {
            return null;
        }
        return "backup " + backup.getFileName() + " is " + VerifyBackupStep.humanAge(age.get()) + " old, older than"
            + " --max-age " + maxAge.toString().substring(2).toLowerCase() + "; is the backup job still running?";
    }
}
