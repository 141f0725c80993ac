package dev.rollback.adapters.docker;

import java.util.List;

/**
 * One compose project: the {@code docker compose} v2 CLI, or {@code docker-compose} v1 where v2
 * is absent. Service lists may be empty, meaning all services. Failures throw
 * {@code RollbackException} with compose's last error line.
 */
public interface Compose extends StackTool {
    /** "docker compose" or "docker-compose", for messages and reports. */
    @Override
    String implementation();

    /**
     * Starts finding out, in the background, which compose CLI and version to use, so the first
     * command does not wait for it ({@code docker compose version} takes about 0.3 s here,
     * {@code docker-compose version} about 1 s). Read-only; a plan calls it in its check phase
     * when a step will run compose. Nothing by default.
     */
    default void detectAhead() {
    }

    /** {@code up -d} without building or pulling; only the listed services when not empty. */
    void up(List<String> services, UpOptions options);

    /**
     * {@code up --no-start --no-deps}: creates the listed services' containers (and the project's
     * networks) without starting them, so they can be attached to more networks first.
     */
    void create(List<String> services);

    /** The command line {@code args} would run as, for plans and dry runs: {@code docker-compose -p x -f f.yml up -d}. */
    String commandLine(List<String> args);

    void stop(List<String> services);

    void start(List<String> services);

    /**
     * {@code up --no-start}: creates the project's networks, volumes and containers without starting
     * any, so volumes can be refilled before a database starts on them. Never builds or pulls.
     */
    @Override
    void create();

    /**
     * {@code down --remove-orphans}: removes the project's containers (also those of services the
     * file in place does not name) and networks, never volumes.
     */
    @Override
    void down();


    /** Per service, the image reference of the resolved configuration (services that build have none). */
    @Override
    java.util.Map<String, String> images();

    /**
     * The named volumes of the resolved configuration as Docker names them ({@code <project>_<key>},
     * or their {@code name:}); external volumes are left out (compose does not create them).
     */
    @Override
    List<String> volumes();

    /** Service names from the resolved configuration. */
    @Override
    List<String> services();

    /** {@code up -d --force-recreate} of every service: the whole stack from the files. */
    @Override
    default void deploy() {
        up(List.of(), new UpOptions(true, false));
    }

    /** The same compose for another project's files. */
    @Override
    default Compose forProject(ComposeProject project) {
        throw new UnsupportedOperationException(implementation() + " here is bound to one project");
    }

    /** The resolved configuration ({@code config}), as compose prints it. */
    String config();

    /**
     * Options of {@code up}.
     *
     * @param forceRecreate recreate containers even when their configuration did not change
     * @param noDeps        do not start linked services
     */
    record UpOptions(boolean forceRecreate, boolean noDeps) {
        public static final UpOptions DEFAULT = new UpOptions(false, false);
    }
}
