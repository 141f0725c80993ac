package dev.rollback.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.TarFixture;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Journal;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drill's steps (level 3 without stop, swap or start), its exit codes and the --max-age rule. */
class DrillPlanTest {
    private static final String DUMP = "CREATE TABLE public.users (id integer);\n"
        + "COPY public.users (id) FROM stdin;\n1\n\\.\n\n-- PostgreSQL database dump complete\n\n";

    @TempDir
    Path dir;

    /** Every call the plan made on the database; answers with nothing, never restores or drops anything real. */
    private final List<String> calls = new ArrayList<>();

    private final Postgres postgres = (Postgres) Proxy.newProxyInstance(Postgres.class.getClassLoader(),
        new Class<?>[] {Postgres.class}, (proxy, method, args) -> {
            if (method.getName().equals("lockDatabase")) {
                calls.add("lockDatabase(" + args[0] + ")");
                throw RollbackException.refused("database merq is being restored by another rollback run");
            }
            calls.add(method.getName());
            Class<?> type = method.getReturnType();
            if (type == boolean.class) {
                return false;
            }
            if (type == List.class) {
                return List.of();
            }
            if (type == String.class) {
                return "fake";
            }
            return type == Optional.class ? Optional.empty() : null;
        });

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneId.of("UTC"));

    private Plan plan(String backup, Duration maxAge, boolean volumes) {
        return DrillPlan.build("merq", new DrillPlan.Inputs(postgres, new BackupStore(dir, clock), clock, backup,
            maxAge, null, volumes ? () -> List.of("uploads") : null));
    }

    private Report run(Plan plan) {
        return run(plan, false);
    }

    private Report run(Plan plan, boolean dryRun) {
        return new Executor(dir.resolve("state"), (c, d, a) -> true, Interruption.manual(), line -> { }, clock)
            .run(plan, new Executor.Options(dryRun, false));
    }

    private Path backup(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void aDrillIsLevelThreesRestoreAndChecksWithoutStopSwapOrStartAndDropsItsCopy() {
        assertThat(plan("latest", null, false).steps().stream().map(Step::id)).containsExactly("verify-backup",
            "backup-age", "lock-database", "restore-scratch", "verify-scratch", "compare-size", "drop-scratch");
        assertThat(plan("latest", null, true).steps().stream().map(Step::id)).endsWith("check-volume-archives");
        assertThat(plan("latest", null, false).steps()).noneMatch(Step::destructive);
        assertThat(plan("latest", null, false).level()).isEqualTo(3);
    }

    @Test
    void theDrillsLockSaysDrillSoARefusedRestoreNamesWhatHoldsIt() throws IOException {
        backup("merq_20261203_020000.sql", DUMP);

        Report report = run(plan("latest", null, false), true);

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(calls).contains("lockDatabase(drill)").doesNotContain("createDatabase", "restorePlain");
    }

    @Test
    void aTruncatedBackupIsAFailedDrillExitOneNotARefusalAndTheJournalNamesIt() throws IOException {
        backup("merq_20261203_020000.sql", DUMP.substring(0, DUMP.indexOf("-- PostgreSQL")));

        Report report = run(plan("merq_20261203_020000.sql", null, false));

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.error().message()).contains("merq_20261203_020000.sql");
        assertThat(report.result()).containsEntry("backup", "merq_20261203_020000.sql");
        assertThat(calls).doesNotContain("createDatabase", "dropDatabase", "restorePlain");
        assertThat(new Journal(dir.resolve("state")).entries()).singleElement()
            .satisfies(line -> assertThat(line.path("command").asText()).isEqualTo("drill"));
    }

    @Test
    void aBackupOlderThanMaxAgeFailsBeforeAnythingIsRestored() throws IOException {
        backup("merq_20261130_020000.sql", DUMP);

        Report report = run(plan("latest", Duration.ofHours(26), false));

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.error().message()).contains("merq_20261130_020000.sql is 3 days old, older than --max-age 26h");
        assertThat(calls).doesNotContain("createDatabase", "restorePlain", "lockDatabase(drill)");
    }

    @Test
    void theMaxAgeRule() {
        Path file = Path.of("merq_20261202_100000.sql");
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.systemDefault()));
        assertThat(BackupAgeStep.tooOld(file, Optional.of(Duration.ofHours(24)), Duration.ofHours(24)))
            .as("exactly max-age is still recent enough").isNull();
        assertThat(BackupAgeStep.tooOld(file, Optional.of(Duration.ofHours(25)), Duration.ofHours(24)))
            .contains("is 1 days old, older than --max-age 24h");
        assertThat(BackupAgeStep.tooOld(Path.of("hand-made.sql"), Optional.empty(), Duration.ofHours(24)))
            .contains("no timestamp in its name");
        Path named = Path.of("merq_" + now.minusHours(5).format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + ".sql");
        assertThat(BackupAgeStep.age(named, clock)).contains(Duration.ofHours(5));
    }

    @Test
    void aVolumeWithoutAnArchiveFailsTheVolumeCheck() {
        CheckVolumeArchivesStep step = new CheckVolumeArchivesStep(new BackupStore(dir, clock), () -> List.of("uploads"),
            null, clock);
        Report report = run(Plan.builder("drill").step(step).build());

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.error().message()).contains("volume uploads has no archive");
    }

    @Test
    void maxAgeAppliesToVolumeArchivesToo() {
        TarFixture.volume().file("data/a.txt", "a\n").write(dir.resolve("uploads_20261203_090000.tar.gz"));
        TarFixture.volume().file("data/a.txt", "a\n").write(dir.resolve("media_20261130_090000.tar.gz"));
        CheckVolumeArchivesStep step = new CheckVolumeArchivesStep(new BackupStore(dir, clock),
            () -> List.of("uploads", "media"), Duration.ofHours(26), clock);

        Report report = run(Plan.builder("drill").step(step).build());

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.error().message()).contains("media_20261130_090000.tar.gz is 3 days old, older than --max-age 26h")
            .doesNotContain("uploads_");
    }
}
