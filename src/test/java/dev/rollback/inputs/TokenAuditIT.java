package dev.rollback.inputs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rollback.e2e.GitStack;
import dev.rollback.e2e.RollbackCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret audit's token rows (issue 13): the real jar against local stubs of Dokploy,
 * DigitalOcean and GitHub that refuse the token with a 401 whose body echoes it back, and git over
 * HTTPS with a token (JGit's real HTTPS transport against a server that records the Authorization
 * headers it gets, on the forge host and on another host name). Each run has every sentinel secret
 * in its environment and {@code -vv}; stdout (the JSON report), stderr, the state dir (journal) and
 * the argv of every process started meanwhile must hold none of them. Adds its rows to
 * {@code target/secret-audit.md} as the fragment {@code tokens}.
 */
class TokenAuditIT {
    static final GeneratedTable TABLE = new GeneratedTable("secret-audit", "## Secret audit", "tokens",
        "audit", "command", "exit", "places checked", "result");
    private static final Sentinels SENTINELS = new Sentinels();
    private static final String GITHUB_TOKEN = SENTINELS.environment().get("GITHUB_TOKEN");
    private static final String INFO_REFS = "/acme/shop.git/info/refs";

    @RegisterExtension
    static WireMockExtension stub = WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    @BeforeEach
    void everyApiEchoesTheCredentialsItRefuses() {
        String echoed = String.join(" ", SENTINELS.environment().values());
        stub.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withHeader("WWW-Authenticate", "Basic realm=\"echo " + echoed + "\"")
            .withBody("{\"id\": \"unauthorized\", \"message\": \"Unable to authenticate you with " + echoed + "\"}")));
    }

    @AfterAll
    static void writeTable() {
        TABLE.write();
    }

    @Test
    void dokployRefusingTheKeyWithAnEcho() throws Exception {
        config("""
            stack: { name: shop, target: dokploy }
            state-dir: .rollback
            dokploy: { url: "%s", application-id: app-1 }
            """.formatted(stub.baseUrl()));

        audit("t1", "redeploy, Dokploy answers 401 echoing the key", 4, "redeploy", "--yes");
    }

    /** 192.0.2.1 (TEST-NET-1) would not answer at all: the point is that nothing is even tried. */
    @Test
    void dokployOverPlainHttpToAnotherMachineIsRefusedBeforeAnyRequest() throws Exception {
        config("""
            stack: { name: shop, target: dokploy }
            state-dir: .rollback
            dokploy: { url: "http://192.0.2.1:3000", application-id: app-1 }
            """);

        RollbackCli.Run run = audit("t0", "dokploy.url over plain http to another machine", 2, "redeploy", "--yes");

        assertThat(run.json().path("error").path("message").asText())
            .startsWith("dokploy.url 'http://192.0.2.1:3000' must be an https:// address");
        assertThat(run.millis()).as("refused at once, no connection attempted").isLessThan(15_000);
    }

    @Test
    void digitalOceanRefusingTheTokenWithAnEcho() throws Exception {
        config("""
            stack: { name: shop }
            backups: { dir: ./backups }
            state-dir: .rollback
            docker: { host: "tcp://127.0.0.1:1" }
            digitalocean: { droplet-id: 7, domain: example.com, records: [api], api-url: "%s" }
            """.formatted(stub.baseUrl()));

        audit("t2", "infra-rebuild --provider digitalocean, the API answers 401 echoing the token", 4,
            "infra-rebuild", "--provider", "digitalocean", "--yes");
    }

    @Test
    void gitHubRefusingTheTokenWithAnEcho() throws Exception {
        Path work = gitCheckout();
        // The pull request's repository is read from the remote's URL; git itself reaches the local bare remote.
        GitStack.git(work, "remote", "set-url", "origin", "https://github.com/acme/shop.git");
        GitStack.git(work, "config", "url." + dir.resolve("remote.git").toUri() + ".insteadOf",
            "https://github.com/acme/shop.git");
        revertConfig(stub.baseUrl());

        audit("t3", "revert --mode pr, GitHub answers 401 echoing the token", 4, "revert", "--mode", "pr", "--yes");
    }

    /** The remote is on the forge's host (git.forge-api http://localhost:…): the token is offered, over HTTPS. */
    @Test
    void gitOverHttpsWithTheTokenOnTheForgeHost() throws Exception {
        Path work = gitCheckout();
        GitStack.git(work, "remote", "set-url", "origin", "https://localhost:" + stub.getHttpsPort() + "/acme/shop.git");
        GitStack.git(work, "config", "http.sslVerify", "false");   // WireMock's certificate is self-signed
        revertConfig("http://localhost:" + stub.getPort());

        audit("t4", "revert, git over HTTPS to the forge host with $GITHUB_TOKEN (the server refuses it)", 4,
            "revert", "--yes");

        String basic = "Basic " + Base64.getEncoder().encodeToString(("x-access-token:" + GITHUB_TOKEN)
            .getBytes(StandardCharsets.UTF_8));
        stub.verify(getRequestedFor(urlPathEqualTo(INFO_REFS)).withHeader("Authorization", equalTo(basic)));
    }

    /** The same server under another host name than the forge's: it must not get the token at all. */
    @Test
    void gitOverHttpsToAnotherHostGetsNoToken() throws Exception {
        Path work = gitCheckout();
        GitStack.git(work, "remote", "set-url", "origin", "https://127.0.0.1:" + stub.getHttpsPort() + "/acme/shop.git");
        GitStack.git(work, "config", "http.sslVerify", "false");
        revertConfig("http://localhost:" + stub.getPort());

        audit("t5", "revert, git over HTTPS to a host that is not the forge's, $GITHUB_TOKEN set", 4, "revert", "--yes");

        stub.verify(getRequestedFor(urlPathEqualTo(INFO_REFS)));
        stub.verify(0, getRequestedFor(urlPathEqualTo(INFO_REFS)).withHeader("Authorization", matching(".*")));
        TABLE.add("t6", "the HTTPS server on 127.0.0.1 (not the forge host localhost) during t5",
            "-", "Authorization headers it received", "none");
    }

    private Path gitCheckout() {
        Path remote = dir.resolve("remote.git");
        Path work = dir.resolve("work");
        GitStack.git(dir, "init", "-q", "--bare", "-b", "main", remote.toString());
        GitStack.git(dir, "clone", "-q", remote.toString(), work.toString());
        commit(work, "ok\n", "initial: a healthy app");
        commit(work, "broken\n", "break health");
        GitStack.git(work, "push", "-q", "origin", "main");
        return work;
    }

    private static void commit(Path work, String health, String message) {
        try {
            Files.writeString(work.resolve("health.txt"), health);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        GitStack.git(work, "add", "health.txt");
        GitStack.git(work, "commit", "-q", "-m", message);
    }

    private void revertConfig(String forgeApi) throws Exception {
        config("""
            stack: { name: shop, workdir: ./work }
            state-dir: .rollback
            git: { remote: origin, branch: main, forge-api: "%s", author-name: Ops, author-email: ops@example.com }
            """.formatted(forgeApi));
    }

    private void config(String yaml) throws Exception {
        Files.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("rollback.yml"), yaml);
    }

    private RollbackCli.Run audit(String key, String name, int exit, String... args) {
        List<String> all = new ArrayList<>(List.of("--config", dir.resolve("rollback.yml").toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("-o", "json", "-vv"));
        Map<String, String> env = new HashMap<>(GitStack.isolated());
        env.putAll(SENTINELS.environment());
        RollbackCli.Run run;
        List<String> argvs;
        try (ArgvSampler sampler = ArgvSampler.start()) {
            run = RollbackCli.run(dir, env, all.toArray(String[]::new));
            sampler.close();
            argvs = sampler.argvs();
        }
        List<String> leaks = new ArrayList<>();
        SENTINELS.find(run.out()).forEach(secret -> leaks.add(secret + " in stdout"));
        SENTINELS.find(run.err()).forEach(secret -> leaks.add(secret + " in stderr: " + SENTINELS.firstLineWithSecret(run.err())));
        argvs.forEach(argv -> SENTINELS.find(argv).forEach(secret -> leaks.add(secret + " in argv")));
        SENTINELS.findInFiles(dir.resolve(".rollback"), path -> false).forEach(hit -> leaks.add("state dir " + hit));
        String places = "stdout (JSON report), stderr (-vv), state dir (journal), argv of " + argvs.size()
            + " processes started meanwhile";
        TABLE.add(key, GeneratedTable.code("rollback " + String.join(" ", args) + " -o json -vv") + " (" + name + ")",
            String.valueOf(run.exitCode()), places, leaks.isEmpty() && run.exitCode() == exit ? "clean"
                : "LEAK or wrong exit: " + String.join("; ", leaks));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(exit);
        assertThat(run.json().path("error").path("exitCode").asInt()).isEqualTo(exit);
        assertThat(leaks).as("secrets that left the environment").isEmpty();
        return run;
    }
}
