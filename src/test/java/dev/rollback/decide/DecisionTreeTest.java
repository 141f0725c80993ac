package dev.rollback.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.migrations.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runbook's tree over facts: every branch, with the exact command line it prints. */
class DecisionTreeTest {
    private static final CommandLineFormat FORMAT = new CommandLineFormat(null, false);
    private static final StackShape COMPOSE = new StackShape(true, "/backups", false, true, true);
    private static final StackShape BEHIND_CADDY = new StackShape(true, "/backups", true, true, true);
    /** A platform that cannot run infra-rebuild (Dokploy's, say): level 4 is by hand. */
    private static final StackShape NO_INFRA_REBUILD = new StackShape(false, "/backups", false, false, false);

    private Facts.Docker docker = new Facts.Docker(true, "unix:///var/run/docker.sock", null);
    private Facts.Health health = new Facts.Health(false, List.of("http:api: 503"), 4);
    private Facts.Releases releases = new Facts.Releases("unrecorded", "20261121-100000", "abc123", true, null);
    private Facts.Git git = new Facts.Git(true, "def456", "HEAD def456, remote origin");
    private Facts.Migrations migrations = new Facts.Migrations(Outcome.CODE_ROLLBACK_ENOUGH, "no migration file changed");
    private Facts.Backup backup = new Facts.Backup("pre_deploy_20261121_100000.sql", "pre_deploy", Duration.ofMinutes(30),
        "the newest pre_deploy backup, taken 30 min ago", 50_000_000);

    private Recommendation decide(Severity severity) {
        return decide(severity, COMPOSE);
    }

    private Facts.PointInTime pointInTime = Facts.PointInTime.NONE;

    private Recommendation decide(Severity severity, StackShape stack) {
        Facts facts = new Facts(docker, health, new Facts.Database(true, true, "ok"), releases, git, migrations, backup,
            pointInTime);
        return DecisionTree.decide(severity, facts, stack, FORMAT);
    }

    @Test
    void behindCaddyLevelOneComesWithBlueGreenAsTheZeroDowntimeAlternative() {
        Recommendation r = decide(Severity.critical, BEHIND_CADDY);

        assertThat(r.commandLine()).isEqualTo("rollback redeploy");
        assertThat(r.alternatives()).singleElement().asString().startsWith("rollback blue-green  (")
            .contains("zero downtime");
        assertThat(decide(Severity.critical, COMPOSE).alternatives()).isEmpty();
    }

    @Test
    void blueGreenIsNotOfferedWhenTheMigrationsNeedAReview() {
        migrations = new Facts.Migrations(Outcome.REVIEW, "review: V4__x.sql:1 unparsed");

        assertThat(decide(Severity.critical, BEHIND_CADDY).alternatives()).noneMatch(a -> a.contains("blue-green"));
    }

    @Test
    void criticalAppBrokenNoDangerousMigrationIsLevelOne() {
        Recommendation r = decide(Severity.critical);

        assertThat(r.level()).isEqualTo(1);
        assertThat(r.commandLine()).isEqualTo("rollback redeploy");
        assertThat(r.reasons()).anyMatch(reason -> reason.contains("unhealthy: http:api: 503"))
            .anyMatch(reason -> reason.contains("release 20261121-100000 can be restored"));
    }

    @Test
    void criticalWithADataIssueIsLevelThreeFromThePreDeployBackupThenThePreviousRelease() {
        migrations = new Facts.Migrations(Outcome.DATABASE_RESTORE_NEEDED, "dangerous: V3__drop_nick.sql:1 drop-column");

        Recommendation r = decide(Severity.critical);

        assertThat(r.level()).isEqualTo(3);
        assertThat(r.commandLine())
            .isEqualTo("rollback db-restore --backup pre_deploy_20261121_100000.sql --redeploy previous");
        assertThat(r.reasons()).anyMatch(reason -> reason.contains("V3__drop_nick.sql"));
    }

    @Test
    void levelThreeIsAPointInTimeRestoreWhenTheArchiveCoversTheMarkAndTheDumpIsTheAlternativeWithItsLoss() {
        migrations = new Facts.Migrations(Outcome.DATABASE_RESTORE_NEEDED, "dangerous: V3__drop_nick.sql:1 drop-column");
        pointInTime = new Facts.PointInTime("--to-mark", "pre_deploy", java.time.Instant.parse("2026-11-21T10:00:00Z"),
            "the newest pre_deploy mark (WAL 0/3000148, 2026-11-21T10:00:00Z) from base backup 20261121T090000Z");

        Recommendation r = decide(Severity.critical);

        assertThat(r.level()).isEqualTo(3);
        assertThat(r.commandLine()).isEqualTo("rollback db-restore --to-mark pre_deploy --redeploy previous");
        assertThat(r.reasons()).anyMatch(reason -> reason.contains("loses only what was written after 2026-11-21T10:00:00Z"));
        assertThat(r.alternatives()).singleElement().asString()
            .startsWith("rollback db-restore --backup pre_deploy_20261121_100000.sql --redeploy previous  (")
            .contains("30 min since it was taken");
    }

    @Test
    void levelThreeOffersKeepServingAndSaysWhenItIsBetterWithTheEstimateForABigBackup() {
        migrations = new Facts.Migrations(Outcome.DATABASE_RESTORE_NEEDED, "dangerous");

        assertThat(decide(Severity.critical).alternatives()).singleElement().asString()
            .startsWith("rollback db-restore --backup pre_deploy_20261121_100000.sql --redeploy previous --keep-serving  (")
            .contains("down only for the swap").contains("kept old database").doesNotContain(" MB");
        backup = new Facts.Backup(backup.name(), backup.label(), backup.age(), backup.detail(), 2_000_000_000L);
        assertThat(decide(Severity.critical).alternatives()).singleElement().asString()
            .contains("this backup is 2000 MB, roughly 60 s of restore, all of it downtime in the default order");
        assertThat(decide(Severity.critical, NO_INFRA_REBUILD).alternatives()).isEmpty();
    }

    @Test
    void levelThreeWithoutARestorableReleaseRestoresOnly() {
        migrations = new Facts.Migrations(Outcome.DATABASE_RESTORE_NEEDED, "dangerous");
        releases = new Facts.Releases("unrecorded", null, null, false, "the release ledger is empty");

        assertThat(decide(Severity.critical).commandLine())
            .isEqualTo("rollback db-restore --backup pre_deploy_20261121_100000.sql");
    }

    @Test
    void noRestorableReleaseButARevertableCheckoutIsLevelTwo() {
        releases = new Facts.Releases("unrecorded", "20261121-100000", "abc", false, "the images of release x are gone");

        Recommendation r = decide(Severity.critical);

        assertThat(r.level()).isEqualTo(2);
        assertThat(r.commandLine()).isEqualTo("rollback revert");
        assertThat(r.reasons()).anyMatch(reason -> reason.contains("level 1 is impossible: the images"));
    }

    @Test
    void neitherLevelOneNorTwoLeavesTheDatabaseThenTheInfrastructure() {
        releases = new Facts.Releases(null, null, null, false, "nothing recorded");
        git = new Facts.Git(false, null, "not a git checkout");

        assertThat(decide(Severity.critical).level()).isEqualTo(3);
        backup = new Facts.Backup(null, null, null, "no complete backup in /backups", 0);
        assertThat(decide(Severity.critical).commandLine()).isEqualTo("rollback infra-rebuild");
    }

    @Test
    void dockerDownIsLevelFourWhateverTheSeverity() {
        docker = new Facts.Docker(false, "tcp://127.0.0.1:1", "connection refused");

        assertThat(decide(Severity.critical).commandLine()).isEqualTo("rollback infra-rebuild");
        assertThat(decide(Severity.minor).level()).isEqualTo(4);
        assertThat(decide(Severity.minor).reasons().get(0)).contains("connection refused").contains("level 4");
    }

    @Test
    void levelFourIsNeverACommandThePlatformRefuses() {
        docker = new Facts.Docker(false, "tcp://127.0.0.1:1", "connection refused");

        Recommendation down = decide(Severity.critical, NO_INFRA_REBUILD);

        assertThat(down.level()).isEqualTo(4);
        assertThat(down.actionable()).isFalse();
        assertThat(down.commandLine()).isNull();
        assertThat(down.reasons()).last().asString().contains("infra-rebuild` is not available").contains("by hand");
        docker = new Facts.Docker(true, "unix:///var/run/docker.sock", null);
        releases = new Facts.Releases(null, null, null, false, "nothing recorded");
        git = new Facts.Git(false, null, "not a git checkout");
        backup = new Facts.Backup(null, null, null, "no complete backup in /backups", 0);
        assertThat(decide(Severity.critical, NO_INFRA_REBUILD).commandLine()).isNull();
        assertThat(decide(Severity.critical, NO_INFRA_REBUILD).level()).isEqualTo(4);
    }

    @Test
    void minorTriesLevelOneFirst() {
        assertThat(decide(Severity.minor).commandLine()).isEqualTo("rollback redeploy");
    }

    @Test
    void minorWithDangerousMigrationsIsFixedInTheNextReleaseWithTheRestoreAsAlternative() {
        migrations = new Facts.Migrations(Outcome.DATABASE_RESTORE_NEEDED, "dangerous");

        Recommendation r = decide(Severity.minor);

        assertThat(r.level()).isNull();
        assertThat(r.actionable()).isFalse();
        assertThat(r.commandLine()).isNull();
        assertThat(r.alternatives()).singleElement().asString().startsWith("rollback db-restore --backup pre_deploy_");
    }

    @Test
    void migrationsToReviewWarnAndOfferTheRestore() {
        migrations = new Facts.Migrations(Outcome.REVIEW, "to review: V4__x.sql:2 unparsable");

        Recommendation r = decide(Severity.critical);

        assertThat(r.level()).isEqualTo(1);
        assertThat(r.reasons()).anyMatch(reason -> reason.startsWith("WARNING: migrations since then need a review"));
        assertThat(r.alternatives()).hasSize(1);
    }

    @Test
    void theCommandLineKeepsTheConfigAndYesOfThePlanAndQuotesWhatNeedsIt() {
        CommandLineFormat format = new CommandLineFormat("/srv/my stack/rollback.yml", true);

        assertThat(format.format(List.of("db-restore", "--backup", "pre_deploy_20261121_100000.sql")))
            .isEqualTo("rollback --config '/srv/my stack/rollback.yml' db-restore --backup"
                + " pre_deploy_20261121_100000.sql --yes");
    }
}
