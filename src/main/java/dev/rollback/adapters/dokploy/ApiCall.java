package dev.rollback.adapters.dokploy;

/**
 * One request to Dokploy, as messages describe it.
 *
 * @param method    GET or POST
 * @param procedure the tRPC procedure behind {@code /api/}, e.g. {@code application.redeploy}
 * @param subject   what the call is about, e.g. "application 8yHk2", named when Dokploy has no such id
 */
record ApiCall(String method, String procedure, String subject) {
    static ApiCall query(String procedure, String subject) {
        return new ApiCall("GET", procedure, subject);
    }

    static ApiCall mutation(String procedure, String subject) {
        return new ApiCall("POST", procedure, subject);
    }

    /** {@code POST /api/application.redeploy}. */
    @Override
    public String toString() {
        return method + " /api/" + procedure;
    }
}
