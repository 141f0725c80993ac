package dev.rollback.rebuild;

import dev.rollback.adapters.digitalocean.DigitalOcean.DnsRecord;
import dev.rollback.adapters.digitalocean.DigitalOcean.Droplet;
import dev.rollback.adapters.digitalocean.DigitalOcean.Image;
import dev.rollback.core.StepContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the DigitalOcean steps of one run find and share: the droplet, the image, the new IP, the records. */
final class CloudState {
    static final String API_CALLS_RESULT = "apiCalls";

    Droplet before;
    Image image;
    /** The server the stack runs on after the restore: the rebuilt droplet or the new one. */
    Droplet after;
    /** fqdn → its one A record, read before anything changed. */
    final Map<String, DnsRecord> records = new LinkedHashMap<>();
    /** Every API call made or planned, in order, method and path only (never a header). */
    private final List<String> apiCalls = new ArrayList<>();

    /** Records a call for the report ({@code --dry-run} shows the planned ones). */
    void call(StepContext context, String call) {
        apiCalls.add(call);
        context.result(API_CALLS_RESULT, apiCalls);
    }

    String ipAfter() {
        return after == null ? null : after.publicIpv4();
    }
}
