package dev.rollback.recreate;

import dev.rollback.release.Release;

/**
 * Where {@code recreate} goes: a git revision for the compose file and .env, and, when the target
 * is a recorded release, the image IDs that release ran (so mutable tags such as {@code :current}
 * point back at them).
 *
 * @param release null when {@code --to} named a git revision
 */
record RecreateTarget(String revision, Release release) {

    String label() {
        return release != null ? "release " + release.id() + " (" + release.shortCommit() + ")" : revision;
    }
}
