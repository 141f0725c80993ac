package dev.rollback.rebuild;

import java.nio.file.Path;

/** The dump chosen and verified before anything changed. */
final class ChosenDump {
    Path path;
}
