package dev.rollback.archive;

import dev.rollback.adapters.postgres.Replication;
import dev.rollback.adapters.postgres.ReplicationReadiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A server in memory: its readiness, its slot, what pg_basebackup and pg_receivewal do. */
class FakeReplication implements Replication {
    ReplicationReadiness readiness = new ReplicationReadiness("replica", 10, 10, true, "merq", "172.18.0.1", null);
    SlotState slot;
    boolean slotExists;
    int slotsCreated;
    String position = "0/3000148";
    Instant now = Instant.parse("2026-12-03T11:22:00Z");
    /** Exit codes of successive pg_receivewal runs; when empty, the receiver runs until stopped. */
    final Deque<Integer> receiverExits = new ArrayDeque<>();
    int receiverRuns;
    RuntimeException baseBackupFailure;
    boolean toolsOnHost = true;

    @Override
    public ReplicationReadiness readiness() {
        return readiness;
    }

    @Override
    public String toolsLocation() {
        return toolsOnHost ? "host pg_dump 15.18" : "container merq-db (pg_dump 15.18)";
    }

    @Override
    public boolean toolsOnHost() {
        return toolsOnHost;
    }

    @Override
    public int serverVersionNum() {
        return 150018;
    }

    @Override
    public BaseBackupRun baseBackup(Path file) {
        if (baseBackupFailure != null) {
            try {
                Files.write(file, new byte[] {1, 2, 3});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw baseBackupFailure;
        }
        try {
            Files.write(file, new byte[] {31, -117, 8, 0});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BaseBackupRun("0/2000028", "0/2000138", 1);
    }

    @Override
    public boolean ensureSlot(String name) {
        if (slotExists) {
            return false;
        }
        slotExists = true;
        slotsCreated++;
        return true;
    }

    @Override
    public Optional<SlotState> slot(String name) {
        return slotExists ? Optional.ofNullable(slot) : Optional.empty();
    }

    @Override
    public Exit receive(Path directory, String name, BooleanSupplier stop) {
        receiverRuns++;
        if (!receiverExits.isEmpty()) {
            return new Exit(receiverExits.poll(), "pg_receivewal: error: could not receive data from WAL stream");
        }
        while (!stop.getAsBoolean()) {
            Thread.onSpinWait();
        }
        return new Exit(0, "");
    }

    @Override
    public Position currentPosition() {
        return new Position(position, now);
    }
}
