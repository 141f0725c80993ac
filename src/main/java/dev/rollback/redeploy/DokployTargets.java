package dev.rollback.redeploy;

import dev.rollback.adapters.dokploy.Dokploy;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.Config;
import dev.rollback.core.config.DokployConfig;

/** Which Dokploy object the stack is: {@code dokploy.application-id} or {@code dokploy.compose-id}. */
public final class DokployTargets {
    private DokployTargets() {
    }

    public static Dokploy.Target of(Config config) {
        DokployConfig dokploy = config.dokploy();
        if (dokploy == null) {
            throw RollbackException.usage("stack.target is dokploy but rollback.yml has no dokploy: section");
        }
        boolean application = dokploy.applicationId() != null && !dokploy.applicationId().isBlank();
        boolean compose = dokploy.composeId() != null && !dokploy.composeId().isBlank();
        if (application == compose) {
            throw RollbackException.usage("dokploy: set exactly one of application-id and compose-id");
        }
        return application ? new Dokploy.Target(Dokploy.Target.Kind.APPLICATION, dokploy.applicationId())
            : new Dokploy.Target(Dokploy.Target.Kind.COMPOSE, dokploy.composeId());
    }
}
