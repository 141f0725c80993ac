package dev.rollback.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/** The replica counts the app services had before a restore scaled them to 0: what they go back to. */
final class SwarmReplicas {
    final Map<String, Integer> before = new LinkedHashMap<>();
}
