package dev.rollback.platform;

/**
 * What a platform can do beyond redeploy (which every platform does its own way). A command asks
 * for the capability it needs with {@link Platform#require}; a platform without it gives the one
 * refusal (exit 3, before anything runs). Adding a capability to a platform is how a strategy
 * comes to it: implement the method that refuses today, then list the capability.
 */
public enum Capability {
    /** The tool's release ledger: the running stack per service and its images ({@code release}, {@code plan}). */
    RELEASE_LEDGER("the release ledger", ""),
    /** Stopping the app services and starting them again ({@code db-restore} with {@code stack.app-services}). */
    STOP_APP("stopping stack.app-services", ""),
    /** The stack's named volumes ({@code backup --volumes}, the strategies' volume backups). */
    VOLUMES("the stack's volumes", ""),
    /** Applying a revision's stack files with the platform's tool ({@code recreate}, {@code blue-green}, level 4). */
    STACK_FILES("applying a revision's stack files", ""),
    /** The recreate strategy: down, the revision's files, up, gated. */
    RECREATE("recreate", "; use redeploy, which updates services in place"),
    /** The blue-green strategy: a second copy on shifted ports behind Caddy. */
    BLUE_GREEN("blue-green", "; use redeploy, which updates services in place"),
    /** Level 4 on this host ({@code infra-rebuild}). */
    INFRA_REBUILD("infra-rebuild", ""),
    /** Level 1 run inside level 3 ({@code db-restore --redeploy previous}). */
    REDEPLOY_AFTER_RESTORE("--redeploy previous", ""),
    /**
     * Level 3 to a point in time ({@code db-restore --to-release/--to-mark/--to-time}): the database container's
     * data volume exchanged on this host; a Swarm task may be rescheduled to a node whose volume is another one.
     */
    POINT_IN_TIME_RESTORE("a point-in-time restore", "; use db-restore --backup");

    private final String feature;
    private final String instead;

    Capability(String feature, String instead) {
        this.feature = feature;
        this.instead = instead;
    }

    /** What the user asked for, as the refusal names it when the command does not name it itself. */
    String feature() {
        return feature;
    }

    /** What to do instead, appended to the refusal ("; use redeploy ..."), or empty. */
    String instead() {
        return instead;
    }
}
