package dev.rollback.archive;

import dev.rollback.adapters.postgres.Replication;
import dev.rollback.core.Json;
import dev.rollback.core.JsonLines;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.pitr.ArchiveLayout;
import dev.rollback.pitr.Lsn;
import dev.rollback.pitr.Mark;
import dev.rollback.pitr.WalPoint;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code backup --label pre_deploy} while archiving is live: instead of a dump, the WAL position and the
 * server's time, appended as a {@link Mark} to {@code marks.jsonl}. A restore replays the archive to it. The
 * mark is written once the archiver has received WAL up to it, so a mark always lies inside the archive.
 */
final class MarkStep implements Step {
    /** How long the archiver gets to receive WAL up to the mark (it is usually there within a second). */
    static final Duration ARCHIVED_WITHIN = Duration.ofSeconds(30);

    private final Supplier<Replication> replication;
    private final ArchiveLayout layout;
    private final String label;
    private final ReceiveWalStep.Pause pause;
    private final Duration within;

    /** @param within how long the archiver gets to receive WAL up to the mark ({@link #ARCHIVED_WITHIN}) */
    MarkStep(Supplier<Replication> replication, ArchiveLayout layout, String label, ReceiveWalStep.Pause pause,
             Duration within) {
        this.within = within;
        this.replication = replication;
        this.layout = layout;
        this.label = label;
        this.pause = pause;
    }

    @Override
    public String id() {
        return "mark";
    }

    @Override
    public String description() {
        return "mark the current WAL position as " + label + " in " + layout.marks() + " (archiving is live: no dump)";
    }

    @Override
    public void apply(StepContext context) throws IOException, InterruptedException {
        Replication server = replication.get();
        WalPoint point = WalPoints.now(server);
        awaitArchived(server, point.lsn());
        Mark mark = new Mark(label, point);
        new JsonLines(layout.marks()).append(Json.MAPPER.valueToTree(mark));
        context.detail("lsn", point.lsn().toString()).detail("at", point.at().toString());
        context.result("kind", "mark").result("mark", label).result("lsn", point.lsn().toString())
            .result("at", point.at().toString()).result("marks", layout.marks().toString());
    }

    private void awaitArchived(Replication server, Lsn target) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Lsn written = null;
        while (true) {
            Optional<Replication.SlotState> slot = server.slot(ArchiveStatusReader.SLOT);
            written = slot.map(Replication.SlotState::writeLsn).map(Lsn::parse).orElse(null);
            if (written != null && !target.isAfter(written)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            pause.pause(Duration.ofMillis(200), () -> false);
        }
        throw RollbackException.failed("the archiver did not receive WAL up to " + target + " within "
            + within.toSeconds() + " s (it is at " + (written == null ? "no position" : written) + "); no mark"
            + " was written: check rollback archive, or take a dump with the archiver stopped");
    }
}
