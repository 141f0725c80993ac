package dev.rollback.faults;

import dev.rollback.e2e.RollbackCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command on its stack, as the fault runner sees it: how to run it, reset it, and look at the result. */
interface FaultSubject {
    String command();

    /** The working directory of the CLI. */
    Path dir();

    Path stateDir();

    /** The environment of a user running it. */
    Map<String, String> env();

    /** The command line after the jar: {@code --config …, command, options, --yes, -o json}. */
    List<String> args();

    /** Puts the stack back to the state before the rollback (old version running, the incident's data). */
    void reset() throws Exception;

    /** What the stack answers on {@code /version}, or {@code down: …}. */
    String served();

    String oldVersion();

    String targetVersion();

    /** The live database as the invariant sees it (e.g. "users=600"); null when the stack has no database. */
    default String database() {
        return null;
    }

    /** What {@link #database} may say: the old data or the new, never anything else. */
    default Set<String> wholeDatabases() {
        return Set.of();
    }

    /** Things a run creates beside the stack and may leave behind: green containers/networks, scratch databases. */
    default List<String> leftovers() {
        return List.of();
    }

    /** Port of PostgreSQL as the tool reaches it (for the database fault); 0 without one. */
    default int databasePort() {
        return 0;
    }

}
