package dev.rollback.rebuild;

import dev.rollback.release.Release;

/** The release chosen before anything changed; null for {@code --release current}. */
final class ChosenRelease {
    Release release;
}
