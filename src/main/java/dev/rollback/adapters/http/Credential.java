package dev.rollback.adapters.http;

/**
 * The header an API's secret travels in: {@code Authorization: Bearer <token>} or a header of its
 * own ({@code x-api-key: <key>}). The secret comes from the environment ({@link EnvSecret}); it is
 * put in the request and nowhere else, and {@link #toString()} names only where it came from.
 */
public record Credential(String header, String prefix, EnvSecret secret) {
    public static Credential bearer(EnvSecret token) {
        return new Credential("Authorization", "Bearer ", token);
    }

    public static Credential header(String name, EnvSecret secret) {
        return new Credential(name, "", secret);
    }

    String value() {
        return prefix + secret.value();
    }

    @Override
    public String toString() {
        return header + ": " + secret;
    }
}
