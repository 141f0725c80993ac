package dev.rollback.rebuild;

import dev.rollback.adapters.digitalocean.DigitalOcean.DnsRecord;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runbook's "Update DNS": each configured A record to the restored server's IP with a short TTL,
 * reporting old and new values. Runs only after {@link VerifyServerStep} passed. A record that
 * already points there is left alone; {@code --skip-dns} prints the change instead of making it.
 */
final class UpdateDnsStep implements Step {
    static final String CHANGES_RESULT = "dnsChanges";

    private final CloudInputs in;
    private final CloudInputs.Dns dns;
    private final CloudState state;

    UpdateDnsStep(CloudInputs in, CloudState state) {
        this.in = in;
        this.dns = in.dns();
        this.state = state;
    }

    @Override
    public String id() {
        return "update-dns";
    }

    @Override
    public String description() {
        return (dns.listOnly() ? "print (--skip-dns) the change of " : "point ")
            + String.join(", ", state.records.keySet())
            + " at " + (state.ipAfter() == null ? "the restored server" : state.ipAfter()) + " with TTL " + dns.ttl();
    }

    @Override
    public void check(StepContext context) {
        if (!dns.listOnly()) {
            state.records.values().forEach(record -> state.call(context, "PUT /v2/domains/" + dns.domain() + "/records/"
                + record.id() + " {\"type\":\"A\",\"data\":\"<restored server IP>\",\"ttl\":" + dns.ttl() + "}"));
        }
    }

    @Override
    public boolean destructive() {
        return !dns.listOnly();
    }

    @Override
    public void apply(StepContext context) {
        String ip = state.ipAfter();
        List<DnsChange> changes = new ArrayList<>();
        context.result(CHANGES_RESULT, changes);
        for (Map.Entry<String, DnsRecord> entry : state.records.entrySet()) {
            DnsRecord old = entry.getValue();
            String action;
            if (old.data().equals(ip) && old.ttl() == dns.ttl()) {
                action = "unchanged";
            } else if (dns.listOnly()) {
                action = "not changed (--skip-dns)";
                context.progress("    DNS change to make by hand: " + entry.getKey() + " A " + old.data() + " -> " + ip
                    + " (TTL " + old.ttl() + " -> " + dns.ttl() + ")");
            } else {
                in.api().updateA(dns.domain(), old.id(), ip, dns.ttl());
                action = "updated";
                context.progress("    " + entry.getKey() + " A " + old.data() + " -> " + ip + " (TTL " + dns.ttl() + ")");
            }
            changes.add(DnsChange.of(entry.getKey(), old, ip, dns.ttl(), action));
        }
        context.detail("changes", changes);
        if (dns.listOnly()) {
            context.skip("--skip-dns: the DNS changes are listed, not made");
        }
    }
}
