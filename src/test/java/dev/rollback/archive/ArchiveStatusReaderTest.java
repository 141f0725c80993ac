package dev.rollback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.postgres.Replication;
import dev.rollback.core.RollbackException;
import dev.rollback.pitr.ArchiveLayout;
import dev.rollback.pitr.Lsn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveStatusReaderTest {
    @TempDir
    Path dir;

    private final FakeReplication server = new FakeReplication();

    private ArchiveStatus read() {
        return new ArchiveStatusReader(new ArchiveLayout(dir), () -> server, Clock.systemUTC()).read();
    }

    private void archived(String... names) throws Exception {
        Files.createDirectories(dir.resolve("wal"));
        for (String name : names) {
            Files.write(dir.resolve("wal").resolve(name), new byte[0]);
        }
    }

    @Test
    void withoutWalOrBaseDirectoriesArchivingIsNotSetUpAndTheServerIsNotAsked() {
        server.slotExists = true;
        server.slot = new Replication.SlotState(true, "0/3000000", Duration.ofSeconds(1), "0/3000000");

        ArchiveStatus status = read();

        assertThat(status.live()).isFalse();
        assertThat(status.detail()).startsWith("archiving is not set up");
    }

    @Test
    void anActiveSlotThatAnsweredRecentlyIsLiveWithItsLag() throws Exception {
        archived("000000010000000000000002", "000000010000000000000003.partial");
        Files.createDirectories(dir.resolve("base/20261203T112200Z"));
        Files.writeString(dir.resolve("base/20261203T112200Z/base.json"), "{\"start\":\"0/2000028\",\"end\":\"0/2000100\"}");
        Files.write(dir.resolve("base/20261203T112200Z/base.tar.gz"), new byte[0]);
        Files.createDirectories(dir.resolve("base/20261203T113000Z"));
        Files.writeString(dir.resolve("base/20261203T113000Z/base.json"), "{}");   // cut short: no positions, no tar
        Files.createDirectories(dir.resolve("base/.20261203T120000Z.partial"));
        server.slotExists = true;
        server.slot = new Replication.SlotState(true, "0/3000100", Duration.ofSeconds(4), "0/3000148");

        ArchiveStatus status = read();

        assertThat(status.live()).isTrue();
        assertThat(status.lagBytes()).isEqualTo(0x48);
        assertThat(status.newestWal()).isEqualTo("000000010000000000000003.partial");
        assertThat(status.newestBaseBackup()).isEqualTo("20261203T112200Z");
        assertThat(status.walCoversUntil()).isEqualTo(Lsn.parse("0/3000100"));
        assertThat(status.detail()).startsWith("live: 72 bytes behind");
    }

    @Test
    void anArchiverThatStoppedAnsweringIsNotLiveAndTheArchiveReachesTheLastCompleteSegment() throws Exception {
        archived("000000010000000000000002", "000000010000000000000003.partial");
        server.slotExists = true;
        server.slot = new Replication.SlotState(true, "0/3000100", Duration.ofSeconds(90), "0/3000148");

        ArchiveStatus status = read();

        assertThat(status.live()).isFalse();
        assertThat(status.detail()).isEqualTo("not live: the archiver last answered 90 s ago");
        assertThat(status.walCoversUntil()).isEqualTo(Lsn.parse("0/3000000"));
    }

    @Test
    void anInactiveOrMissingSlotIsNotLive() throws Exception {
        archived("000000010000000000000002");
        assertThat(read().detail()).contains("no replication slot rollback_archive");
        server.slotExists = true;
        server.slot = new Replication.SlotState(false, null, null, "0/3000148");
        assertThat(read().detail()).contains("no archiver is connected to slot rollback_archive");
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsAStatusNotAFailure() throws Exception {
        archived("000000010000000000000002");
        ArchiveStatus status = new ArchiveStatusReader(new ArchiveLayout(dir), () -> {
            throw RollbackException.unreachable("database merq at 127.0.0.1:5432 does not answer", null);
        }, Clock.systemUTC()).read();

        assertThat(status.live()).isFalse();
        assertThat(status.detail()).contains("the database does not answer");
        assertThat(status.newestWal()).isEqualTo("000000010000000000000002");
    }

    @Test
    void segmentNamesAreReadAsWalPositions() {
        assertThat(ArchiveStatusReader.segmentEnd("000000010000000000000003")).isEqualTo(Lsn.parse("0/4000000"));
        assertThat(ArchiveStatusReader.segmentEnd("0000000200000016000000B3")).isEqualTo(Lsn.parse("16/B4000000"));
    }
}
