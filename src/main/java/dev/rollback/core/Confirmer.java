package dev.rollback.core;

import java.util.List;

/**
 * Asks the operator before destructive steps. The real one talks to the controlling terminal;
 * with no terminal it refuses (exit 3), so an unattended run never hangs on a prompt.
 */
public interface Confirmer {
    /**
     * @param command     the command about to run
     * @param destructive one line per destructive step, saying what it destroys or replaces
     * @param answer      what the operator must type to agree ("yes", or the database's name)
     * @return true when the operator agreed
     * @throws RollbackException with exit 3 when there is no terminal to ask on
     */
    boolean confirm(String command, List<String> destructive, String answer);

    /**
     * Whether {@link #confirm} could ask at all (a terminal is there). A run that would only need to
     * ask much later ({@code watch}, before the rollback it may trigger) refuses up front instead.
     */
    default boolean canAsk() {
        return true;
    }

    /** For --yes: every confirmation is given. */
    Confirmer ALWAYS = (command, destructive, answer) -> true;
}
