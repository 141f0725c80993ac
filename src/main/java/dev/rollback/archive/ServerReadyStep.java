package dev.rollback.archive;

import dev.rollback.adapters.postgres.Replication;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * Before a base backup or the archiver: the server keeps enough WAL ({@code wal_level}), has WAL senders and
 * slots to spare, the role may replicate and pg_hba.conf lets it in for replication from where the tools run.
 * Any of them missing is a refusal (exit 3) listing every change to make; the server is never changed.
 */
final class ServerReadyStep implements Step {
    private final Supplier<Replication> replication;
    private final String database;
    private final boolean receiverHere;

    /**
     * @param receiverHere whether pg_receivewal will run on this machine (the archiver): the tools must be the
     *                     host's, or the check would prove a connection from the container the archiver does not use
     */
    ServerReadyStep(Supplier<Replication> replication, String database, boolean receiverHere) {
        this.replication = replication;
        this.database = database;
        this.receiverHere = receiverHere;
    }

    @Override
    public String id() {
        return "check-server";
    }

    @Override
    public String description() {
        return "check that " + database + " is set up for WAL archiving (wal_level, max_wal_senders, replication role,"
            + " pg_hba.conf)";
    }

    @Override
    public void check(StepContext context) {
        Replication server = replication.get();
        if (receiverHere && !server.toolsOnHost()) {
            throw RollbackException.refused("rollback archive runs pg_receivewal on this machine (the WAL lands here), but"
                + " the client tools chosen are " + server.toolsLocation() + "; install the server's PostgreSQL client"
                + " tools here and set database.tools: host (or auto); nothing was changed");
        }
        List<String> problems = server.readiness().problems();
        context.detail("tools", server.toolsLocation());
        if (!problems.isEmpty()) {
            throw RollbackException.refused(refusal(database, problems));
        }
    }

    /** One line: what to change on the server, numbered when there is more than one thing. */
    static String refusal(String database, List<String> problems) {
        StringBuilder text = new StringBuilder(database + " is not set up for WAL archiving; nothing was changed. ");
        if (problems.size() == 1) {
            return text.append(problems.get(0)).toString();
        }
        for (int i = 0; i < problems.size(); i++) {
            text.append(i == 0 ? "" : "; ").append('(').append(i + 1).append(") ").append(problems.get(i));
        }
        return text.toString();
    }

    @Override
    public void apply(StepContext context) {
        // Checked above; nothing to change.
    }
}
