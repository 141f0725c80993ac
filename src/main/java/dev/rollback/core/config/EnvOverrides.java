package dev.rollback.core.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Environment variables that override scalar keys of the file: {@code ROLLBACK_<KEY_PATH>} for
 * every scalar key (e.g. {@code ROLLBACK_DATABASE_HOST}, {@code ROLLBACK_BACKUPS_DIR}), and the
 * runbook's {@code DB_HOST}, {@code DB_PORT}, {@code DB_USER}, {@code DB_NAME}. The
 * {@code ROLLBACK_} form wins over the runbook's short form.
 */
final class EnvOverrides {
    private static final Map<String, String> RUNBOOK_ALIASES = Map.of(
        "DB_HOST", "database.host", "DB_PORT", "database.port",
        "DB_USER", "database.user", "DB_NAME", "database.name");
    private static final Map<String, String> VARIABLES = variables();

    private EnvOverrides() {
    }

    /** key path (e.g. {@code database.host}) → value, for every override present in env. */
    static Map<String, String> find(Map<String, String> env) {
        Map<String, String> found = new LinkedHashMap<>();
        RUNBOOK_ALIASES.forEach((variable, path) -> {
            if (env.get(variable) != null && !env.get(variable).isBlank()) {
                found.put(path, env.get(variable));
            }
        });
        VARIABLES.forEach((variable, path) -> {
            if (env.get(variable) != null && !env.get(variable).isBlank()) {
                found.put(path, env.get(variable));
            }
        });
        return found;
    }

    /** The variable that set {@code path}: the ROLLBACK_ form when present, else the runbook's short form. */
    static String variableFor(String path, Map<String, String> env) {
        String variable = variableFor(path);
        if (env.get(variable) == null || env.get(variable).isBlank()) {
            return RUNBOOK_ALIASES.entrySet().stream().filter(e -> e.getValue().equals(path)).map(Map.Entry::getKey)
                .findFirst().orElse(variable);
        }
        return variable;
    }

    static String variableFor(String path) {
        return VARIABLES.entrySet().stream().filter(e -> e.getValue().equals(path)).map(Map.Entry::getKey)
            .findFirst().orElse(path);
    }

    static void set(ObjectNode root, String path, String value) {
        String[] keys = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            node = node.get(keys[i]) instanceof ObjectNode child ? child : node.putObject(keys[i]);
        }
        node.set(keys[keys.length - 1], ConfigLoader.scalar(value));
    }

    private static Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        collect(Config.class, "", variables);
        return variables;
    }

    private static void collect(Class<?> type, String prefix, Map<String, String> variables) {
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> valueType = component.getType();
            if (valueType == Path.class || List.class.isAssignableFrom(valueType)) {
                continue;
            }
            String key = prefix + kebab(component.getName());
            if (valueType.isRecord()) {
                collect(valueType, key + ".", variables);
            } else {
                String variable = "ROLLBACK_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
                variables.put(variable, key);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
