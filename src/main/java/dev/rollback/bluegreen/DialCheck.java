package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.ExecResult;
import dev.rollback.adapters.docker.Networks;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthResult;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.util.List;

/**
 * "Healthy is not enough: wait until the proxy would route to it" (docker-rollout): asks an address
 * exactly as the proxy will dial it, from inside the proxy's network namespace (a short-lived
 * helper container sharing it), several times in a row. Any 2xx passes (wget fails on the rest).
 */
final class DialCheck implements HealthCheck {
    static final int REQUESTS = 3;
    private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The URL arrives as $0, never inside the script: nothing in it is interpreted by the shell.
     * {@code timeout} rather than wget's {@code -T}: Debian's static busybox 1.35 wget crashes on -T.
     */
    private static final String SCRIPT = "for i in 1 2 3; do timeout 5 wget -q -O /dev/null \"$0\" || exit 1; done";

    private final Networks networks;
    private final String proxyContainer;
    private final String helperImage;
    private final String service;
    private final String url;

    DialCheck(Networks networks, String proxyContainer, String helperImage, String service, String url) {
        this.networks = networks;
        this.proxyContainer = proxyContainer;
        this.helperImage = helperImage;
        this.service = service;
        this.url = url;
    }

    @Override
    public String name() {
        return "dial:" + service;
    }

    String url() {
        return url;
    }

    @Override
    public HealthResult probe() {
        try {
            ExecResult result = networks.runInNetworkOf(proxyContainer, helperImage, List.of("sh", "-c", SCRIPT, url),
                HELPER_TIMEOUT);
            if (result.succeeded()) {
                return HealthResult.healthy(name(), REQUESTS + " × 2xx from " + url + " as the proxy dials it");
            }
            String said = result.stdout().strip().lines().reduce((first, second) -> second).orElse("exit " + result.exitCode());
            return HealthResult.unhealthy(name(), url + " from the proxy's network: " + said);
        } catch (RollbackException e) {
            return HealthResult.unhealthy(name(), e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name() + " (" + url + " from " + proxyContainer + ")";
    }
}
