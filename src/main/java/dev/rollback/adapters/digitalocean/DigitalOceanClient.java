package dev.rollback.adapters.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.http.ApiBase;
import dev.rollback.adapters.http.ApiCall;
import dev.rollback.adapters.http.Credential;
import dev.rollback.adapters.http.EnvSecret;
import dev.rollback.adapters.http.JsonApi;
import dev.rollback.core.config.DigitalOceanConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DigitalOcean} over its REST API with java.net.http. Each method is one request (lists: one
 * per page); nothing is retried after a timeout or an error, because a rebuild or a droplet creation
 * that timed out may still have been accepted, and a second one would rebuild twice or pay for two
 * droplets. The one exception is a rate limit (429), a refusal: {@link RateLimits} waits it out.
 */
public final class DigitalOceanClient implements DigitalOcean {
    private static final Logger LOG = LoggerFactory.getLogger(DigitalOceanClient.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ApiBase url;
    private final JsonApi api;
    private final Pages pages;
    private final RateLimits limits;

    DigitalOceanClient(ApiBase url, EnvSecret token, Duration requestTimeout) {
        this(url, token, requestTimeout, RateLimits.live());
    }

    DigitalOceanClient(ApiBase url, EnvSecret token, Duration requestTimeout, RateLimits limits) {
        this.url = url;
        this.api = new JsonApi(new DigitalOceanErrors(url, token), Credential.bearer(token),
            Map.of("Accept", "application/json"), CONNECT_TIMEOUT, requestTimeout);
        this.limits = limits;
        this.pages = new Pages(url, api, limits);
    }

    /**
     * The client the {@code digitalocean:} section describes, with the token from the variable it
     * names ({@code DIGITALOCEAN_TOKEN} by default). A bad address or a missing token is exit 2.
     */
    public static DigitalOceanClient fromConfig(DigitalOceanConfig config, Map<String, String> env) {
        ApiBase url = ApiBase.parse("digitalocean.api-url", config.apiUrl(), "the token");
        EnvSecret token = EnvSecret.require(config.tokenEnv(), env, "token", "export a DigitalOcean API token with read and"
            + " write scope in it (Control Panel > API), or name another variable in digitalocean.token-env");
        return new DigitalOceanClient(url, token, REQUEST_TIMEOUT);
    }

    @Override
    public String describe() {
        return "DigitalOcean API at " + url;
    }

    @Override
    public Droplet droplet(long id) {
        ApiCall call = ApiCall.get("/v2/droplets/" + id, "droplet " + id);
        return api.reading(call, () -> Answers.droplet(Answers.under(get(call), "droplet")));
    }

    @Override
    public List<Image> snapshots(long dropletId) {
        return images(dropletId, "snapshots", Image.Kind.SNAPSHOT);
    }

    @Override
    public List<Image> backups(long dropletId) {
        return images(dropletId, "backups", Image.Kind.BACKUP);
    }

    private List<Image> images(long dropletId, String key, Image.Kind kind) {
        ApiCall call = ApiCall.get("/v2/droplets/" + dropletId + "/" + key, "droplet " + dropletId);
        return list(call, key, item -> Answers.image(item, kind));
    }

    @Override
    public Action rebuild(long dropletId, long imageId) {
        return dropletAction(dropletId, "rebuild", imageId);
    }

    @Override
    public Action restore(long dropletId, long imageId) {
        return dropletAction(dropletId, "restore", imageId);
    }

    private Action dropletAction(long dropletId, String type, long imageId) {
        ApiCall call = ApiCall.post("/v2/droplets/" + dropletId + "/actions", "droplet " + dropletId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("image", imageId);
        LOG.info("asking {} to {} droplet {} from image {}", describe(), type, dropletId, imageId);
        return api.reading(call, () -> Answers.action(Answers.under(send(call, body), "action")));
    }

    @Override
    public Action action(long actionId) {
        ApiCall call = ApiCall.get("/v2/actions/" + actionId, "action " + actionId);
        return api.reading(call, () -> Answers.action(Answers.under(get(call), "action")));
    }

    @Override
    public Droplet createDroplet(NewDroplet spec) {
        ApiCall call = ApiCall.post("/v2/droplets", "droplet " + spec.name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", spec.name());
        body.put("region", spec.region());
        body.put("size", spec.size());
        body.put("image", spec.image());
        if (!spec.sshKeys().isEmpty()) {
            // Ids are numbers in the API, fingerprints strings.
            body.put("ssh_keys", spec.sshKeys().stream().map(k -> k.matches("\\d+") ? (Object) Long.valueOf(k) : k).toList());
        }
        body.put("tags", spec.tags());
        LOG.info("asking {} to create droplet {} in {} ({}) from image {}", describe(), spec.name(), spec.region(),
            spec.size(), spec.image());
        return api.reading(call, () -> Answers.droplet(Answers.under(send(call, body), "droplet")));
    }

    @Override
    public List<DnsRecord> aRecords(String domain, String fqdn) {
        ApiCall call = ApiCall.get("/v2/domains/" + domain + "/records?type=A&name="
            + URLEncoder.encode(fqdn, StandardCharsets.UTF_8), "domain " + domain);
        return list(call, "domain_records", Answers::record);
    }

    @Override
    public DnsRecord updateA(String domain, long recordId, String ip, int ttl) {
        ApiCall call = ApiCall.put("/v2/domains/" + domain + "/records/" + recordId, "record " + recordId + " of " + domain);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "A");
        body.put("data", ip);
        body.put("ttl", ttl);
        LOG.info("pointing DNS record {} of {} at {} (TTL {})", recordId, domain, ip, ttl);
        return api.reading(call, () -> Answers.record(Answers.under(send(call, body), "domain_record")));
    }

    private JsonNode get(ApiCall call) {
        return send(call, null);
    }

    /** POST or PUT of a JSON body (null: none). */
    private JsonNode send(ApiCall call, Object body) {
        return limits.retrying(() -> api.send(call, url.resolve(call.path()), body));
    }

    private <T> List<T> list(ApiCall call, String key, Function<JsonNode, T> item) {
        return api.reading(call, () -> pages.all(call, key).stream().map(item).toList());
    }

    @Override
    public String toString() {
        return describe();
    }
}
