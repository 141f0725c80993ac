package dev.rollback.bluegreen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The green file as plans and reports show it: the literal value of every environment variable
 * whose name says it is a secret ({@code DB_PASSWORD: hunter2}) becomes {@code ***}. References
 * ({@code ${DB_PASSWORD}}) stay, they hold nothing. The file compose runs is not masked.
 */
final class SecretMask {
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass|secret|token|key|credential|auth).*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*");
    static final String MASK = "***";

    private SecretMask() {
    }

    /** A copy of the file with the services' secret-looking environment values masked. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> masked(Map<String, Object> file) {
        Map<String, Object> copy = new LinkedHashMap<>(file);
        if (!(file.get("services") instanceof Map<?, ?> services)) {
            return copy;
        }
        Map<String, Object> maskedServices = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (service instanceof Map<?, ?> definition && definition.containsKey("environment")) {
                Map<String, Object> maskedService = new LinkedHashMap<>((Map<String, Object>) definition);
                maskedService.put("environment", environment(definition.get("environment")));
                maskedServices.put(name.toString(), maskedService);
            } else {
                maskedServices.put(name.toString(), service);
            }
        });
        copy.put("services", maskedServices);
        return copy;
    }

    private static Object environment(Object environment) {
        if (environment instanceof Map<?, ?> map) {
            Map<Object, Object> masked = new LinkedHashMap<>();
            map.forEach((name, value) -> masked.put(name, secret(name.toString(), value) ? MASK : value));
            return masked;
        }
        if (environment instanceof List<?> list) {
            List<Object> masked = new ArrayList<>();
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                masked.add(equals > 0 && secret(text.substring(0, equals), text.substring(equals + 1))
                    ? text.substring(0, equals + 1) + MASK : entry);
            }
            return masked;
        }
        return environment;
    }

    private static boolean secret(String name, Object value) {
        return value != null && SECRET_NAME.matcher(name).matches()
            && !REFERENCE.matcher(value.toString().strip()).matches();
    }
}
