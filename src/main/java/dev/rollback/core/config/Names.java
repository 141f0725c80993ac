package dev.rollback.core.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Validation of names that end up in commands and SQL. Quoting is still applied where they are
 * used; refusing odd names early gives the operator a clear message instead of a strange failure.
 */
public final class Names {
    private static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern SERVICE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");
    private static final Pattern CONTAINER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    private static final Pattern SQL = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    /** A record name inside a domain: {@code @} (the domain itself), {@code api}, {@code eu.api}. */
    private static final Pattern DNS_NAME =
        Pattern.compile("@|([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private Names() {
    }

    static void requirePresent(String key, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(key + " is required");
        }
    }

    static void requireOneOf(String key, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ConfigException(key + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }
    }

    static void requireProjectName(String key, String value) {
        require(key, value, PROJECT, "lower-case letters, digits, '-' and '_'");
    }

    public static void requireServiceName(String key, String value) {
        require(key, value, SERVICE, "letters, digits, '.', '-' and '_'");
    }

    static void requireContainerName(String key, String value) {
        require(key, value, CONTAINER, "letters, digits, '.', '-' and '_'");
    }

    public static void requireSqlName(String key, String value) {
        require(key, value, SQL, "letters, digits, '_', '$' and '-', starting with a letter or '_'");
    }

    /** A backup label becomes part of a file name: no separators, no dots at the start. */
    public static void requireLabel(String key, String value) {
        require(key, value, LABEL, "letters, digits, '.', '-' and '_'");
    }

    /** A DNS record name relative to its domain, or {@code @}; it becomes part of an API path. */
    public static void requireDnsLabel(String key, String value) {
        require(key, value, DNS_NAME, "a record name such as api or eu.api, or @ for the domain itself");
    }

    private static void require(String key, String value, Pattern pattern, String allowed) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new ConfigException(key + ": '" + value + "' is not a valid name (use " + allowed + ")");
        }
    }
}
