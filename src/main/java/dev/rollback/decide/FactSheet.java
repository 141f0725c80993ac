package dev.rollback.decide;

import dev.rollback.archive.ArchiveStatus;
import java.util.List;

/**
 * The facts as the probes of one {@code plan} find them, in order; each starts "not probed" so a
 * probe that is skipped still leaves a fact that says so. Shared by the steps of one run.
 */
public final class FactSheet {
    Facts.Docker docker = new Facts.Docker(false, "?", "not probed");
    Facts.Health health = new Facts.Health(false, List.of("not probed"), 0);
    Facts.Database database = new Facts.Database(false, false, "not probed");
    Facts.Releases releases = new Facts.Releases(null, null, null, false, "not probed");
    Facts.Git git = new Facts.Git(false, null, "not probed");
    Facts.Migrations migrations = new Facts.Migrations(null, "not probed");
    Facts.Backup backup = new Facts.Backup(null, null, null, "not probed", 0);
    ArchiveStatus archiving = ArchiveStatus.notSetUp("not probed");
    Facts.PointInTime pointInTime = Facts.PointInTime.NONE;
    Recommendation recommendation;

    Facts facts() {
        return new Facts(docker, health, database, releases, git, migrations, backup, archiving, pointInTime);
    }

    /** What the decision step recommended; null before it ran. */
    public Recommendation recommendation() {
        return recommendation;
    }
}
