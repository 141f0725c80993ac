package dev.rollback.redeploy;

import dev.rollback.adapters.dokploy.Dokploy;

/** What a Dokploy rollback does: roll back to a deployment's rollback point, or redeploy. */
final class DokployChoice {
    Dokploy.Deployment current;
    /** The deployment whose rollback point is used; null means redeploy. */
    Dokploy.Deployment rollbackTo;
}
