package dev.rollback.rebuild;

import dev.rollback.adapters.digitalocean.DigitalOcean.DnsRecord;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads, before anything changes, the one A record of each configured name: a name without one, or
 * with several (round robin), is refused (exit 3) rather than guessed at after the server is rebuilt.
 */
final class CheckDnsStep implements Step {
    private final CloudInputs in;
    private final CloudInputs.Dns dns;
    private final CloudState state;

    CheckDnsStep(CloudInputs in, CloudState state) {
        this.in = in;
        this.dns = in.dns();
        this.state = state;
    }

    @Override
    public String id() {
        return "check-dns";
    }

    @Override
    public String description() {
        return "read the A records " + String.join(", ", dns.records().stream().map(dns::fqdn).toList());
    }

    @Override
    public void check(StepContext context) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String record : dns.records()) {
            String fqdn = dns.fqdn(record);
            state.call(context, "GET /v2/domains/" + dns.domain() + "/records?type=A&name=" + fqdn);
            List<DnsRecord> records = in.api().aRecords(dns.domain(), fqdn);
            if (records.size() != 1) {
                throw RollbackException.refused(fqdn + " has " + (records.isEmpty() ? "no A record" : records.size()
                    + " A records") + " in domain " + dns.domain() + "; level 4 points exactly one existing A record"
                    + " per name: fix the zone or digitalocean.records first; nothing was changed");
            }
            state.records.put(fqdn, records.get(0));
            found.put(fqdn, records.get(0).data() + " (TTL " + records.get(0).ttl() + ")");
        }
        context.detail("records", found);
    }

    @Override
    public void apply(StepContext context) {
        // Read in check, before the server changed: these are the values to report as "old".
    }
}
