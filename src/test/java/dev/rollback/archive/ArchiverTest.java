package dev.rollback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.Interruption;
import dev.rollback.core.Report;
import dev.rollback.pitr.ArchiveLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archive}: slot, pg_receivewal restarted when it exits, a clean stop on the first signal. */
class ArchiverTest {
    @TempDir
    Path dir;

    private final FakeReplication server = new FakeReplication();

    @Test
    void aReceiverThatExitsIsRestartedAfterAGrowingPauseAndAStopEndsTheRunWithExitZero() throws Exception {
        server.receiverExits.addAll(List.of(1, 1, 1));
        Interruption interruption = Interruption.manual();
        List<Duration> pauses = new ArrayList<>();
        ReceiveWalStep receive = new ReceiveWalStep(() -> server, new ArchiveLayout(dir), interruption::requested,
            (duration, stop) -> pauses.add(duration));
        CompletableFuture<Report> run = CompletableFuture.supplyAsync(() -> Runs.run(dir.resolve("state"),
            dev.rollback.core.Plan.builder("archive").readOnly().step(new SlotStep(() -> server)).step(receive).build(),
            interruption));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.receiverRuns < 4 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        interruption.request();
        Report report = run.get(10, TimeUnit.SECONDS);

        assertThat(report.exitCode()).as(String.valueOf(report.error())).isZero();
        assertThat(server.receiverRuns).isEqualTo(4);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(report.result()).containsEntry("restarts", 3);
        assertThat(server.slotsCreated).isEqualTo(1);
    }

    @Test
    void aSlotDroppedMeanwhileIsCreatedAgainBeforeTheNextStart() throws Exception {
        server.receiverExits.add(1);
        Interruption interruption = Interruption.manual();
        ReceiveWalStep receive = new ReceiveWalStep(() -> server, new ArchiveLayout(dir), interruption::requested,
            (duration, stop) -> server.slotExists = false);
        CompletableFuture<Report> run = CompletableFuture.supplyAsync(() -> Runs.run(dir.resolve("state"),
            dev.rollback.core.Plan.builder("archive").readOnly().step(receive).build(), interruption));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.receiverRuns < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        interruption.request();

        assertThat(run.get(10, TimeUnit.SECONDS).exitCode()).isZero();
        assertThat(server.slotsCreated).isEqualTo(2);
    }

    @Test
    void theArchiverRefusesToolsInTheContainerBeforeCreatingTheSlot() {
        server.toolsOnHost = false;

        Report report = Runs.run(dir.resolve("state"), ArchivePlan.archive(() -> server, "merq", new ArchiveLayout(dir),
            () -> false));

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains("rollback archive runs pg_receivewal on this machine")
            .contains("container merq-db (pg_dump 15.18)").contains("database.tools: host");
        assertThat(server.slotsCreated).isZero();
        assertThat(server.receiverRuns).isZero();
    }

    @Test
    void thePauseGrowsToAMinuteAndStartsAgainAfterALongRun() {
        Backoff backoff = new Backoff();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waits.add(backoff.after(Duration.ofSeconds(1)).toSeconds());
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
        assertThat(backoff.after(Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(1));
    }
}
