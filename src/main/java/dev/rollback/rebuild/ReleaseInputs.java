package dev.rollback.rebuild;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.gate.HealthGate;
import dev.rollback.release.Ledger;
import java.util.List;

/**
 * What level 4 brings up on this host: a release from the ledger through level 1's steps.
 *
 * @param wanted     {@code latest} (the newest recorded release), {@code previous} (as level 1: the
 *                   release before the one the images are tagged as now), a release id, or
 *                   {@code current} (no ledger: what the compose file's tags name now)
 * @param httpChecks the configured HTTP checks, part of level 1's health gate
 */
public record ReleaseInputs(Docker docker, Compose compose, Ledger ledger, String project, String wanted,
                            List<HealthCheck> httpChecks, HealthGate gate) {
    public static final String LATEST = "latest";
    public static final String CURRENT = "current";
}
