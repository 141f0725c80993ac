package dev.rollback.bluegreen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to declare an external volume with a name in a compose file of a given {@code version}:
 * {@code name:} beside {@code external: true} exists from file format 2.1 and 3.4 on (and in the
 * compose specification, without {@code version}); older formats only know {@code external: {name: X}}.
 */
final class VolumeSyntax {
    private VolumeSyntax() {
    }

    static boolean supportsName(Object version) {
        if (version == null) {
            return true;
        }
        String[] parts = version.toString().strip().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major == 2 ? minor >= 1 : major != 3 || minor >= 4;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    static Map<String, Object> external(String name, boolean nameKey) {
        Map<String, Object> definition = new LinkedHashMap<>();
        if (nameKey) {
            definition.put("external", true);
            definition.put("name", name);
        } else {
            definition.put("external", Map.of("name", name));
        }
        return definition;
    }
}
