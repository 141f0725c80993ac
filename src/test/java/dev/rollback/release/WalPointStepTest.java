package dev.rollback.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepStatus;
import dev.rollback.pitr.Lsn;
import dev.rollback.pitr.WalPoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release record} stores where the WAL was; a database it cannot read costs the point, not the record. */
class WalPointStepTest {
    @TempDir
    Path dir;

    private final RecordDraft draft = new RecordDraft();
    private final List<String> progress = new java.util.ArrayList<>();

    private Report record(Supplier<WalPoint> point) {
        draft.release = new Release("20261203-112200", Instant.parse("2026-12-03T11:22:00Z"), "ops@host", "compose",
            "abc123", null, false, Map.of("backend", new ServiceImage("merq/backend:current", "sha256:1", "t")), null);
        return new Executor(dir, (c, d, a) -> true, Interruption.manual(), progress::add, Clock.systemUTC())
            .run(Plan.builder("release record").step(new WalPointStep(point, draft)).build(), new Executor.Options(false, true));
    }

    @Test
    void theReleaseCarriesTheWalPositionAndTheServersTime() {
        WalPoint point = new WalPoint(Lsn.parse("0/3000148"), Instant.parse("2026-12-03T11:22:01Z"));

        Report report = record(() -> point);

        assertThat(report.exitCode()).isZero();
        assertThat(draft.release.wal()).isEqualTo(point);
        assertThat(report.steps().get(0).detail()).containsEntry("lsn", "0/3000148");
    }

    @Test
    void aDatabaseThatCannotBeReadIsAWarningAndTheReleaseIsRecordedWithoutAPoint() {
        Report report = record(() -> {
            throw RollbackException.unreachable("database merq at 127.0.0.1:5432 does not answer", null);
        });

        assertThat(report.exitCode()).isZero();
        assertThat(draft.release.wal()).isNull();
        assertThat(report.steps().get(0).detail().get("warning").toString()).contains("does not answer");
        assertThat(progress).anyMatch(line -> line.startsWith("warning: the release is recorded without a WAL position"));
    }

    @Test
    void aStackWithoutADatabaseSkipsTheStep() {
        Report report = record(() -> null);

        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(draft.release.wal()).isNull();
    }
}
