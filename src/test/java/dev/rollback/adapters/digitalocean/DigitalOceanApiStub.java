package dev.rollback.adapters.digitalocean;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.rollback.contract.ContractCheckedStub;
import dev.rollback.contract.DigitalOceanContract;
import java.util.List;
import java.util.Map;

/**
 * A WireMock stand-in for DigitalOcean's API v2 on 127.0.0.1, answering in the shapes of its
 * published reference (droplets, snapshots/backups with {@code links.pages}, droplet actions,
 * actions, domain records, the {@code {"id","message"}} errors). Shared by the client's tests and
 * the end-to-end tests of {@code infra-rebuild --provider digitalocean}.
 */
public final class DigitalOceanApiStub {
    /** Distinctive, so a test can prove it appears in no output. */
    public static final String TOKEN = "dop_v1_Tk7wQ2zRf9Lm3Xc8Vb5Nh1Jy6";
    public static final Map<String, String> ENV = Map.of("DIGITALOCEAN_TOKEN", TOKEN);
    public static final long DROPLET = 3164444;

    private final WireMock api;
    private final String baseUrl;

    public DigitalOceanApiStub(WireMock api, String baseUrl) {
        this.api = api;
        this.baseUrl = baseUrl;
    }

    /** Holds every request, and every answer, against DigitalOcean's published document ({@link DigitalOceanContract}). */
    public static ContractCheckedStub extension() {
        return ContractCheckedStub.of(new DigitalOceanContract());
    }

    public static DigitalOceanApiStub on(WireMockExtension extension) {
        return new DigitalOceanApiStub(extension.getRuntimeInfo().getWireMock(), extension.baseUrl());
    }

    public String baseUrl() {
        return baseUrl;
    }

    private MappingBuilder authorized(MappingBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + TOKEN));
    }

    /** {@code GET /v2/droplets/{id}}. */
    public void droplet(long id, String name, String status, String publicIp) {
        api.register(authorized(get(urlPathEqualTo("/v2/droplets/" + id))).willReturn(okJson(
            "{\"droplet\": " + dropletJson(id, name, status, publicIp) + "}")));
    }

    /** A droplet that answers {@code new} (no address) {@code polls} times, then {@code active} with {@code ip}. */
    public void dropletBecomesActive(long id, String name, int polls, String ip) {
        String scenario = "droplet-" + id;
        for (int i = 0; i < polls; i++) {
            api.register(authorized(get(urlPathEqualTo("/v2/droplets/" + id))).inScenario(scenario)
                .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i).willSetStateTo("poll-" + (i + 1))
                .willReturn(okJson("{\"droplet\": " + dropletJson(id, name, "new", null) + "}")));
        }
        api.register(authorized(get(urlPathEqualTo("/v2/droplets/" + id))).inScenario(scenario)
            .whenScenarioStateIs(polls == 0 ? Scenario.STARTED : "poll-" + polls)
            .willReturn(okJson("{\"droplet\": " + dropletJson(id, name, "active", ip) + "}")));
    }

    /** A region as the API embeds it in droplets and actions: every field its schema requires. */
    private static final String REGION = """
        {"name": "Singapore 1", "slug": "sgp1", "features": ["backups", "ipv6", "metadata"], "available": true,
         "sizes": ["s-1vcpu-1gb", "s-2vcpu-2gb"]}""";

    static String dropletJson(long id, String name, String status, String publicIp) {
        String v4 = "{\"ip_address\": \"10.130.0.4\", \"netmask\": \"255.255.240.0\", \"gateway\": \"10.130.0.1\","
            + " \"type\": \"private\"}" + (publicIp == null ? "" : ", {\"ip_address\": \"" + publicIp
            + "\", \"netmask\": \"255.255.240.0\", \"gateway\": \"203.0.113.1\", \"type\": \"public\"}");
        return """
            {"id": %d, "name": "%s", "memory": 2048, "vcpus": 2, "disk": 60, "locked": false, "status": "%s",
             "kernel": null, "created_at": "2025-01-10T09:00:00Z", "features": ["backups", "monitoring"],
             "backup_ids": [], "next_backup_window": null, "snapshot_ids": [], "volume_ids": [],
             "image": {"id": 1001, "name": "24.04 (LTS) x64", "distribution": "Ubuntu", "slug": "ubuntu-24-04-x64"},
             "size": {"slug": "s-2vcpu-2gb", "memory": 2048, "vcpus": 2, "disk": 60, "transfer": 3.0,
                      "price_monthly": 18.0, "price_hourly": 0.02679, "regions": ["sgp1", "nyc3"], "available": true,
                      "description": "Basic"},
             "size_slug": "s-2vcpu-2gb",
             "networks": {"v4": [%s], "v6": []},
             "region": %s,
             "tags": ["merq"], "vpc_uuid": "5a4981aa-9653-4bd1-bef5-d6bff52042e4"}
            """.formatted(id, name, status, v4, REGION);
    }

    /** One snapshot or backup item. */
    public static String image(long id, String name, String createdAt, String type) {
        return """
            {"id": %d, "name": "%s", "distribution": "Ubuntu", "slug": null, "public": false,
             "regions": ["sgp1"], "created_at": "%s", "min_disk_size": 60, "size_gigabytes": 4.21, "type": "%s"}
            """.formatted(id, name, createdAt, type);
    }

    /**
     * {@code GET /v2/droplets/{id}/snapshots} (or {@code backups}) in pages: page 1 answers the first
     * request, later pages are reached through {@code links.pages.next} ({@code ?page=N}).
     */
    public void imagePages(long droplet, String key, List<List<String>> pages) {
        String path = "/v2/droplets/" + droplet + "/" + key;
        for (int i = 0; i < pages.size(); i++) {
            int page = i + 1;
            String next = page < pages.size() ? "\"next\": \"" + baseUrl + path + "?page=" + (page + 1)
                + "&per_page=2\", \"last\": \"" + baseUrl + path + "?page=" + pages.size() + "&per_page=2\"" : "";
            String body = "{\"" + key + "\": [" + String.join(", ", pages.get(i)) + "], \"links\": {\"pages\": {"
                + next + "}}, \"meta\": {\"total\": " + pages.stream().mapToInt(List::size).sum() + "}}";
            api.register(authorized(get(urlPathEqualTo(path)))
                .withQueryParam("page", page == 1 ? absent() : equalTo(String.valueOf(page)))
                .willReturn(okJson(body)));
        }
    }

    /** {@code POST /v2/droplets/{id}/actions} of {@code type} answering 201 with action {@code actionId} in progress. */
    public void dropletAction(long droplet, String type, long actionId) {
        api.register(authorized(post(urlPathEqualTo("/v2/droplets/" + droplet + "/actions")))
            .withRequestBody(matchingJsonPath("$.type", equalTo(type)))
            .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"action\": " + actionJson(actionId, type, "in-progress", droplet) + "}")));
    }

    /** {@code GET /v2/actions/{id}}: {@code in-progress} for {@code polls} polls, then {@code finalStatus}. */
    public void actionPolls(long actionId, String type, long droplet, int polls, String finalStatus) {
        String scenario = "action-" + actionId;
        String path = "/v2/actions/" + actionId;
        for (int i = 0; i < polls; i++) {
            api.register(authorized(get(urlPathEqualTo(path))).inScenario(scenario)
                .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "poll-" + i).willSetStateTo("poll-" + (i + 1))
                .willReturn(okJson("{\"action\": " + actionJson(actionId, type, "in-progress", droplet) + "}")));
        }
        api.register(authorized(get(urlPathEqualTo(path))).inScenario(scenario)
            .whenScenarioStateIs(polls == 0 ? Scenario.STARTED : "poll-" + polls)
            .willReturn(okJson("{\"action\": " + actionJson(actionId, type, finalStatus, droplet) + "}")));
    }

    static String actionJson(long id, String type, String status, long droplet) {
        String completed = status.equals("in-progress") ? "null" : "\"2025-03-01T10:07:40Z\"";
        return """
            {"id": %d, "status": "%s", "type": "%s", "started_at": "2025-03-01T10:05:00Z", "completed_at": %s,
             "resource_id": %d, "resource_type": "droplet",
             "region": %s, "region_slug": "sgp1"}
            """.formatted(id, status, type, completed, droplet, REGION);
    }

    /** {@code POST /v2/droplets} answering 202 with the new droplet, status {@code new}, no address yet. */
    public void createDroplet(long newId, String name) {
        api.register(authorized(post(urlPathEqualTo("/v2/droplets"))).willReturn(aResponse().withStatus(202)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"droplet\": " + dropletJson(newId, name, "new", null) + ", \"links\": {\"actions\": [{\"id\": 7515,"
                + " \"rel\": \"create\", \"href\": \"" + baseUrl + "/v2/actions/7515\"}]}}")));
    }

    /**
     * One A record: {@code GET /v2/domains/{domain}/records?type=A&name={fqdn}} answers {@code data}
     * until a {@code PUT} sets it to {@code movedTo}, and {@code movedTo} after that, as the real
     * zone would.
     */
    public void aRecord(String domain, String name, long id, String data, int ttl, String movedTo) {
        String fqdn = name.equals("@") ? domain : name + "." + domain;
        String scenario = "record-" + id;
        for (String state : List.of(Scenario.STARTED, "moved")) {
            String now = state.equals("moved") ? recordJson(id, name, movedTo, 60) : recordJson(id, name, data, ttl);
            api.register(authorized(get(urlPathEqualTo("/v2/domains/" + domain + "/records")))
                .withQueryParam("type", equalTo("A")).withQueryParam("name", equalTo(fqdn))
                .inScenario(scenario).whenScenarioStateIs(state)
                .willReturn(okJson("{\"domain_records\": [" + now + "], \"links\": {}, \"meta\": {\"total\": 1}}")));
        }
        api.register(authorized(put(urlPathEqualTo("/v2/domains/" + domain + "/records/" + id)))
            .withRequestBody(matchingJsonPath("$.data", equalTo(movedTo)))
            .inScenario(scenario).willSetStateTo("moved")
            .willReturn(okJson("{\"domain_record\": " + recordJson(id, name, movedTo, 60) + "}")));
    }

    static String recordJson(long id, String name, String data, int ttl) {
        return """
            {"id": %d, "type": "A", "name": "%s", "data": "%s", "priority": null, "port": null, "ttl": %d,
             "weight": null, "flags": null, "tag": null}
            """.formatted(id, name, data, ttl);
    }

    /** Every request answered {@code status} with DigitalOcean's error document. */
    public void everything(int status, String id, String message) {
        api.register(com.github.tomakehurst.wiremock.client.WireMock.any(
            com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).willReturn(aResponse().withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"id\": \"" + id + "\", \"message\": \"" + message + "\"}")));
    }
}
