package dev.rollback.decide;

import dev.rollback.archive.ArchiveStatus;
import dev.rollback.migrations.Outcome;
import java.time.Duration;
import java.util.List;

/**
 * What {@code plan} found out, one record per probe. A probe that could not run leaves its fact
 * "unknown" with the reason, never absent: the decision must say what it did not know.
 * {@code archiving}: whether WAL archiving is live, its lag, the newest base backup and how far the archive
 * reaches (what a point-in-time restore can offer).
 */
public record Facts(Docker docker, Health health, Database database, Releases releases, Git git,
                    Migrations migrations, Backup backup, ArchiveStatus archiving, PointInTime pointInTime) {

    /** Facts without the archiving probes: archiving "not probed", no point-in-time restore. */
    public Facts(Docker docker, Health health, Database database, Releases releases, Git git, Migrations migrations,
                 Backup backup) {
        this(docker, health, database, releases, git, migrations, backup, ArchiveStatus.notSetUp("not probed"));
    }

    /** Facts with the archiving status but no point-in-time probe. */
    public Facts(Docker docker, Health health, Database database, Releases releases, Git git, Migrations migrations,
                 Backup backup, ArchiveStatus archiving) {
        this(docker, health, database, releases, git, migrations, backup, archiving, PointInTime.NONE);
    }

    /** Facts with the point-in-time probe but no archiving status. */
    public Facts(Docker docker, Health health, Database database, Releases releases, Git git, Migrations migrations,
                 Backup backup, PointInTime pointInTime) {
        this(docker, health, database, releases, git, migrations, backup, ArchiveStatus.notSetUp("not probed"),
            pointInTime);
    }

    /** @param error why Docker did not answer, or null */
    public record Docker(boolean reachable, String endpoint, String error) {
    }

    /** @param failing "http:api: 503" and the like; empty when healthy */
    public record Health(boolean healthy, List<String> failing, int checks) {
        public Health {
            failing = List.copyOf(failing);
        }
    }

    /** @param configured whether rollback.yml names a database at all */
    public record Database(boolean configured, boolean reachable, String detail) {
    }

    /**
     * @param previous           the release level 1 would go back to, or null
     * @param previousCommit     its git commit, or null
     * @param previousRestorable whether every image of it is still on this host
     * @param problem            why there is no restorable previous release, or null
     */
    public record Releases(String current, String previous, String previousCommit, boolean previousRestorable,
                           String problem) {
        public boolean levelOnePossible() {
            return previous != null && previousRestorable;
        }
    }

    /** @param revertPossible a checkout with a HEAD and a remote to push a revert to */
    public record Git(boolean revertPossible, String head, String detail) {
    }

    /** @param outcome null when the migrations could not be checked; {@code detail} says why or what was found */
    public record Migrations(Outcome outcome, String detail) {
    }

    /**
     * @param name      the newest complete backup (pre_deploy preferred), or null; {@code age} null then
     * @param sizeBytes its size on disk (0 without one): how long its restore takes follows from it
     */
    public record Backup(String name, String label, Duration age, String detail, long sizeBytes) {
    }

    /**
     * A point-in-time restore the files on disk allow: a base backup and WAL archive reaching the newest
     * {@code pre_deploy} mark or the previous release's WAL point.
     *
     * @param option {@code --to-mark} or {@code --to-release}; null when none is possible ({@code detail} says why)
     * @param value  {@code pre_deploy} or the release ID
     * @param at     when the target point was read: the restore loses what was written after it
     */
    public record PointInTime(String option, String value, java.time.Instant at, String detail) {
        public static final PointInTime NONE = new PointInTime(null, null, null, "not probed");

        public boolean possible() {
            return option != null;
        }
    }
}
