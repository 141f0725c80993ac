package dev.rollback.rebuild;

import dev.rollback.adapters.digitalocean.DigitalOcean.DnsRecord;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthWait;
import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The runbook's "Verify Everything" as far as it can be seen from here: every health check on the
 * restored server once more, and every A record read back from DigitalOcean pointing at it. The
 * containers and the database of a remote droplet are the operator's to check (docs/infra-rebuild.md).
 */
final class FinalCheckStep implements Step {
    private static final int ATTEMPTS = 3;

    private final CloudInputs in;
    private final CloudInputs.Dns dns;
    private final CloudState state;

    FinalCheckStep(CloudInputs in, CloudState state) {
        this.in = in;
        this.dns = in.dns();
        this.state = state;
    }

    @Override
    public String id() {
        return "verify-all";
    }

    @Override
    public String description() {
        return "verify everything: the health checks on the restored server"
            + (dns.listOnly() || state.records.isEmpty() ? "" : " and the A records read back");
    }

    @Override
    public void apply(StepContext context) {
        List<String> failures = new ArrayList<>();
        for (HealthCheck check : in.checks().at().apply(state.ipAfter())) {
            WaitOutcome outcome = HealthWait.retries(check, ATTEMPTS, Duration.ofSeconds(1));
            if (!outcome.healthy()) {
                failures.add(check.name() + ": " + outcome.last().detail());
            }
        }
        if (!dns.listOnly()) {
            for (String fqdn : state.records.keySet()) {
                List<DnsRecord> now = in.api().aRecords(dns.domain(), fqdn);
                if (now.stream().noneMatch(record -> record.data().equals(state.ipAfter()))) {
                    failures.add(fqdn + " does not point at " + state.ipAfter() + " at DigitalOcean");
                }
            }
        }
        context.detail("failures", failures);
        if (!failures.isEmpty()) {
            throw RollbackException.failed(String.join("; ", failures));
        }
    }
}
