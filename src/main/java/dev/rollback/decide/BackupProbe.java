package dev.rollback.decide;

import dev.rollback.backup.BackupFile;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.DumpInspector;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What level 3 would restore: the newest complete {@code pre_deploy} backup (the runbook's
 * pre-deployment checklist takes it right before a deploy, so it predates the migrations), else the
 * newest complete backup of any label but the pre-restore safety copies; and how old it is. A backup
 * whose latest {@code drill} failed is passed over: it was tried and did not restore.
 */
final class BackupProbe extends Probe {
    static final String PRE_DEPLOY = "pre_deploy";

    private final BackupStore store;
    private final DumpInspector inspector;
    private final Supplier<Set<String>> failedDrills;
    private final Clock clock;
    private Set<String> failed = Set.of();

    BackupProbe(DecisionPlan.BackupAccess backups, Clock clock, FactSheet sheet) {
        super(sheet);
        this.store = backups.store();
        this.inspector = backups.inspector();
        this.failedDrills = backups.failedDrills();
        this.clock = clock;
    }

    @Override
    public String id() {
        return "probe-backups";
    }

    @Override
    public String description() {
        return sheet.backup.name() == null ? sheet.backup.detail() : "newest usable backup: " + sheet.backup.name()
            + " (" + sheet.backup.detail() + ")";
    }

    @Override
    protected void probe(StepContext context) {
        failed = failedDrills.get();
        try {
            List<BackupFile> candidates = store.list().stream().filter(b -> !b.label().startsWith("pre_restore")).toList();
            Optional<BackupFile> chosen = newestComplete(candidates.stream().filter(b -> b.label().equals(PRE_DEPLOY)).toList())
                .or(() -> newestComplete(candidates));
            sheet.backup = chosen.map(this::fact).orElse(new Facts.Backup(null, null, null,
                "no complete backup in " + store.dir(), 0));
        } catch (RollbackException e) {
            sheet.backup = new Facts.Backup(null, null, null, e.getMessage(), 0);
        }
        if (!failed.isEmpty()) {
            context.detail("passedOverFailedDrills", failed.stream().sorted().toList());
        }
        context.detail("backup", sheet.backup.name()).detail("label", sheet.backup.label())
            .detail("ageSeconds", sheet.backup.age() == null ? null : sheet.backup.age().toSeconds());
    }

    private Optional<BackupFile> newestComplete(List<BackupFile> newestFirst) {
        return newestFirst.stream().filter(this::complete).findFirst();
    }

    /** Complete, and not a backup whose latest drill failed to restore it. */
    private boolean complete(BackupFile backup) {
        if (failed.contains(backup.name())) {
            return false;
        }
        try {
            return inspector.quick(backup.path()).complete();
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private Facts.Backup fact(BackupFile backup) {
        Duration age = Duration.between(backup.takenAt().atZone(ZoneId.systemDefault()).toInstant(), clock.instant());
        String which = backup.label().equals(PRE_DEPLOY) ? "the newest pre_deploy backup" : "no pre_deploy backup;"
            + " the newest complete one";
        return new Facts.Backup(backup.name(), backup.label(), age, which + ", taken " + ago(age) + " ago",
            backup.sizeBytes());
    }

    static String ago(Duration age) {
        long minutes = Math.max(0, age.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + " h " + (minutes % 60) + " min" : (hours / 24) + " days";
    }
}
