package dev.rollback.adapters.digitalocean;

/**
 * One request, as messages and dry-run plans show it: method, path, and what it is about.
 *
 * @param path    from {@code /v2}, with its query
 * @param subject "droplet 123", named when DigitalOcean has no such thing
 */
record ApiCall(String method, String path, String subject) {
    static ApiCall get(String path, String subject) {
        return new ApiCall("GET", path, subject);
    }

    static ApiCall post(String path, String subject) {
        return new ApiCall("POST", path, subject);
    }

    static ApiCall put(String path, String subject) {
        return new ApiCall("PUT", path, subject);
    }

    /** {@code GET /v2/droplets/123}. */
    @Override
    public String toString() {
        return method + " " + path;
    }
}
