package dev.rollback.adapters.dokploy;

import java.time.Instant;
import java.util.List;

/**
 * Dokploy's REST API ({@code /api}, header {@code x-api-key}). 401/403 → exit 4 naming the URL and
 * the key's variable (never the key); unreachable → exit 4; other errors → exit 1 with Dokploy's message.
 */
public interface Dokploy {
    /** "Dokploy at https://dokploy.example.com", for messages. */
    String describe();

    /** Deployments of an application or compose project, newest first. */
    List<Deployment> deployments(Target target);

    /**
     * {@code POST /api/rollback.rollback}: applications only; synchronous, creates no deployment
     * row (confirm on the Docker side).
     */
    void rollback(String rollbackId);

    /** {@code application.redeploy} / {@code compose.redeploy}: queues a deployment and returns at once. */
    void redeploy(Target target, String title, String description);

    /** What is deployed: an application or a compose project, by its Dokploy id. */
    record Target(Kind kind, String id) {
        public enum Kind { APPLICATION, COMPOSE }
    }

    /**
     * A row of {@code deployment.all} / {@code deployment.allByCompose}.
     *
     * @param status running, done, error or cancelled
     */
    record Deployment(String id, String title, String status, Instant createdAt, Instant startedAt,
                      Instant finishedAt, String errorMessage, String rollbackId) {
        public boolean done() {
            return "done".equals(status);
        }

        public boolean finished() {
            return "done".equals(status) || "error".equals(status) || "cancelled".equals(status);
        }
    }
}
