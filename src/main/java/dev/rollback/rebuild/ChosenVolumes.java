package dev.rollback.rebuild;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Volume → the archive it is refilled from, chosen and read to its end before anything changed. */
final class ChosenVolumes {
    final Map<String, Path> archives = new LinkedHashMap<>();
}
