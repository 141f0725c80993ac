package dev.rollback.decide;

import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import dev.rollback.pitr.ArchiveLayout;
import dev.rollback.pitr.BaseBackup;
import dev.rollback.pitr.BaseBackups;
import dev.rollback.pitr.Mark;
import dev.rollback.pitr.Marks;
import dev.rollback.pitr.WalArchive;
import dev.rollback.pitr.WalPoint;
import dev.rollback.release.Ledger;
import dev.rollback.release.Release;
import java.util.List;
import java.util.Optional;

/**
 * Whether a point-in-time restore can replace the dump: the newest {@code pre_deploy} mark, else the previous
 * release's WAL point (the release before the newest), reached by a base backup and the WAL archive on disk. Judged
 * from the files alone (the archive branch adds "archiving is live"); the default segment size is assumed.
 */
final class PointInTimeProbe extends Probe {
    private final ArchiveLayout layout;
    private final Ledger ledger;

    PointInTimeProbe(ArchiveLayout layout, Ledger ledger, FactSheet sheet) {
        super(sheet);
        this.layout = layout;
        this.ledger = ledger;
    }

    @Override
    public String id() {
        return "probe-point-in-time";
    }

    @Override
    public String description() {
        return sheet.pointInTime.possible() ? "point-in-time restore possible: " + sheet.pointInTime.detail()
            : "no point-in-time restore: " + sheet.pointInTime.detail();
    }

    @Override
    protected void probe(StepContext context) {
        try {
            sheet.pointInTime = find();
        } catch (RollbackException e) {
            sheet.pointInTime = new Facts.PointInTime(null, null, null, e.getMessage());
        }
        context.detail("option", sheet.pointInTime.option()).detail("value", sheet.pointInTime.value())
            .detail("detail", sheet.pointInTime.detail());
    }

    private Facts.PointInTime find() {
        Optional<Mark> mark = new Marks(layout).newest(BackupProbe.PRE_DEPLOY);
        if (mark.isPresent()) {
            return covered("--to-mark", BackupProbe.PRE_DEPLOY, mark.get().point(), "the newest pre_deploy mark");
        }
        List<Release> releases = ledger.releases();
        if (releases.size() < 2) {
            return new Facts.PointInTime(null, null, null, "no pre_deploy mark and no previous release");
        }
        Release previous = releases.get(releases.size() - 2);
        if (previous.wal() == null) {
            return new Facts.PointInTime(null, null, null, "no pre_deploy mark, and release " + previous.id()
                + " has no WAL point");
        }
        return covered("--to-release", previous.id(), previous.wal(), "release " + previous.id());
    }

    private Facts.PointInTime covered(String option, String value, WalPoint point, String what) {
        Optional<BaseBackup> base = new BaseBackups(layout).newestEndingBy(point.lsn());
        if (base.isEmpty()) {
            return new Facts.PointInTime(null, null, null, "no base backup ends before " + what);
        }
        WalArchive archive = new WalArchive(layout.wal(), WalArchive.DEFAULT_SEGMENT_BYTES);
        WalArchive.Coverage coverage = archive.cover(base.get().timeline(), base.get().start(), point.lsn());
        if (!coverage.complete()) {
            return new Facts.PointInTime(null, null, null, "the WAL archive misses " + coverage.missing().get(0)
                + " between base backup " + base.get().name() + " and " + what);
        }
        return new Facts.PointInTime(option, value, point.at(), what + " (WAL " + point.lsn() + ", " + point.at()
            + ") from base backup " + base.get().name() + " and " + coverage.segments().size() + " WAL segments");
    }
}
