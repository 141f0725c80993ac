package dev.rollback.adapters.http;

/**
 * One request to an API, as messages and dry-run plans show it: method, path, and what it is about.
 *
 * @param path    as shown to the operator: from the API's root, with a query only when the query
 *                says what the call is ({@code /v2/domains/example.com/records?type=A}); never a secret
 * @param subject "droplet 123", "application 8yHk2", "acme/shop": named when the API has no such thing
 */
public record ApiCall(String method, String path, String subject) {
    public static ApiCall get(String path, String subject) {
        return new ApiCall("GET", path, subject);
    }

    public static ApiCall post(String path, String subject) {
        return new ApiCall("POST", path, subject);
    }

    public static ApiCall put(String path, String subject) {
        return new ApiCall("PUT", path, subject);
    }

    /** {@code GET /v2/droplets/123}. */
    @Override
    public String toString() {
        return method + " " + path;
    }
}
