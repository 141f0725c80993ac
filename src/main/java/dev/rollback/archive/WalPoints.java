package dev.rollback.archive;

import dev.rollback.adapters.postgres.Replication;
import dev.rollback.pitr.Lsn;
import dev.rollback.pitr.WalPoint;

/** The server's WAL position now, as the model's {@link WalPoint}: what a release and a mark store. */
public final class WalPoints {
    private WalPoints() {
    }

    public static WalPoint now(Replication server) {
        Replication.Position position = server.currentPosition();
        return new WalPoint(Lsn.parse(position.lsn()), position.at());
    }
}
