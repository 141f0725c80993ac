package dev.rollback.core;

import java.util.regex.Pattern;

/**
 * Whether a key names a secret (DB_PASSWORD, api_key, JWT_SECRET, authToken, credentials…), so
 * that what it holds is redacted wherever the tool copies configuration for a human (the
 * incident bundle). Generous on purpose: a redacted harmless value costs nothing, a leaked secret does.
 */
public final class SecretNames {
    public static final String REDACTED = "<redacted>";

    private static final Pattern SECRET = Pattern.compile(
        "(?i).*(pass|pwd|secret|token|key|credential|auth|private|salt|cookie|session|signature|dsn|cert).*");

    private SecretNames() {
    }

    public static boolean looksSecret(String key) {
        return key != null && SECRET.matcher(key).matches();
    }
}
