package dev.rollback.revert;

import dev.rollback.adapters.git.RevertOutcome;

/** What the steps of one revert share. */
final class RevertState {
    String remoteHead;
    boolean behind;
    String commit;
    String subject;
    boolean revertOfRevert;
    RevertOutcome outcome;
    boolean pushed;
    long pushedNanos;
}
